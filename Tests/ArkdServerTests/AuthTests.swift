import ArkdServer
import Foundation
import Testing

@Suite("API: bearer tokens and roles", .serialized, .timeLimit(.minutes(2)))
struct AuthTests {
    @Test("no token is 401, an unknown token is 401, too small a role is 403, another owner's job is 404")
    func access() async throws {
        try await DaemonHarness().run { daemon in
            let id = try #require(try await daemon.submit("&(executable=/bin/true)").1)

            let anonymous = try await daemon.send(.GET, "/v1/jobs/\(id)", as: nil)
            #expect(anonymous.status == 401)
            #expect(try anonymous.errorCode() == "unauthenticated")
            #expect(anonymous.header("www-authenticate") == "Bearer")
            let forged = try await daemon.send(.GET, "/v1/jobs/\(id)", as: nil, headers: [("Authorization", "Bearer nope")])
            #expect(forged.status == 401)
            let basic = try await daemon.send(.GET, "/v1/jobs/\(id)", as: nil, headers: [("Authorization", "Basic eDp5")])
            #expect(basic.status == 401)

            let readerSubmit = try await daemon.send(.POST, "/v1/jobs", as: "reader", body: Array("&(executable=/bin/true)".utf8))
            #expect(readerSubmit.status == 403)
            #expect(try readerSubmit.errorCode() == "forbidden")
            let readerCancel = try await daemon.send(.DELETE, "/v1/jobs/\(id)", as: "reader")
            #expect(readerCancel.status == 403)
            let readerGet = try await daemon.send(.GET, "/v1/jobs/\(id)", as: "reader")
            #expect(readerGet.status == 200)

            for path in ["/v1/jobs/\(id)", "/v1/jobs/\(id)/events", "/v1/jobs/\(id)/files/anything"] {
                let reply = try await daemon.send(.GET, path, as: "bob")
                #expect(reply.status == 404, "\(path)")
                #expect(try reply.errorCode() == "not_found", "\(path)")
            }
            let bobCancel = try await daemon.send(.DELETE, "/v1/jobs/\(id)", as: "bob")
            #expect(bobCancel.status == 404)
            let bobStatus = try await daemon.send(.POST, "/v1/jobs/status", as: "bob", body: Array(#"{"ids":["\#(id)"]}"#.utf8))
            #expect(try bobStatus.json()["unknown"] as? [String] == [id])
            let bobList = try await daemon.send(.GET, "/v1/jobs", as: "bob")
            #expect((try bobList.json()["jobs"] as? [[String: Any]])?.isEmpty == true)

            let admin = try await daemon.send(.GET, "/v1/jobs/\(id)", as: "admin")
            #expect(admin.status == 200)
            #expect(try admin.json()["owner"] as? String == "alice")

            for path in ["/healthz", "/readyz", "/metrics"] {
                let reply = try await daemon.send(.GET, path, as: nil)
                #expect(reply.status == 200, "\(path)")
            }
            let info = try await daemon.send(.GET, "/v1/info", as: nil)
            #expect(info.status == 401)
        }
    }

    @Test("the token file: hashes, owners and roles; comments and blank lines; errors name the line")
    func tokenFile() throws {
        let table = try TokenTable.parse("# x\n\n\(TokenTable.hash("t1")) carol admin\n\(TokenTable.hash("t2"))\tdave read\n",
                                         file: "tokens")
        #expect(table.principal(forToken: "t1") == Principal(owner: "carol", role: .admin))
        #expect(table.principal(forToken: "t2") == Principal(owner: "dave", role: .read))
        #expect(table.principal(forToken: "t3") == nil)
        #expect(TokenTable.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let cases = [
            ("\(TokenTable.hash("t1")) carol\n", "found 2 field(s)"),
            ("nothex carol read\n", "is not a SHA-256 hash"),
            ("\(TokenTable.hash("t1")) carol superuser\n", "role 'superuser' is not one of read, submit, admin"),
            ("\(TokenTable.hash("t1")) a read\n\(TokenTable.hash("t1")) b read\n", "already listed"),
        ]
        for (text, message) in cases {
            do {
                _ = try TokenTable.parse("# header\n" + text, file: "tokens")
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.message.contains(message), "\(error)")
                #expect(error.line != nil && error.line! >= 2)
            }
        }
    }
}
