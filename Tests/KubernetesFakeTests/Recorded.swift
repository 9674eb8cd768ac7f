import Foundation
import KubernetesFake
import KubernetesFixtures
import NIOHTTP1
import Testing

/// Replaying recorded requests against the fake and comparing the answers' stable parts.
extension RecordedExchange {
    var requestJSON: JSON? { requestBody.flatMap { try? JSON(parsing: $0) } }
    var responseJSON: JSON { (try? JSON(parsing: response.body)) ?? .null }
    var httpMethod: HTTPMethod { HTTPMethod(rawValue: method) }
    var requestContentType: String? {
        if method == "PATCH", let json = requestJSON {
            if case .array = json { return "application/json-patch+json" }
            return json.text.contains("$deleteFromPrimitiveList") ? "application/strategic-merge-patch+json" : "application/merge-patch+json"
        }
        return nil
    }
}

enum Compare {
    /// Sends the recorded request as recorded (path, query, body) with the recording's identity.
    static func replay(_ recorded: RecordedExchange, bridge: FakeClient, admin: FakeClient,
                       contentType: String? = nil) async throws -> FakeClient.Response {
        let temporary: FakeClient? = switch recorded.identity {
        case "anonymous": try FakeClient(bridge.fake, .none)
        case "bad-token": try FakeClient(bridge.fake, .token("not-a-registered-token"))
        default: nil
        }
        let client = temporary ?? (recorded.identity == "admin" ? admin : bridge)
        let response = try await client.send(recorded.httpMethod, recorded.path, query: recorded.rawQuery,
                                             body: recorded.requestBody, contentType: contentType ?? recorded.requestContentType)
        try await temporary?.shutdown()
        return response
    }

    /// Same status code, and for a Status: same reason, code, message (unless told otherwise),
    /// details kind/name and causes, and the same presence of `details`.
    static func status(_ actual: FakeClient.Response, _ recorded: RecordedExchange, message: Bool = true,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.status == recorded.response.status, "\(recorded.name): \(actual.text)", sourceLocation: sourceLocation)
        let expected = recorded.responseJSON
        guard expected["kind"]?.string == "Status" else { return }
        let got = actual.json
        #expect(actual.header("Content-Type") == "application/json", sourceLocation: sourceLocation)
        for field in ["kind", "apiVersion", "status", "reason", "code"] {
            #expect(got[field] == expected[field], "\(recorded.name): \(field)", sourceLocation: sourceLocation)
        }
        if message {
            #expect(got["message"] == expected["message"], "\(recorded.name): message", sourceLocation: sourceLocation)
        }
        #expect((got["details"] == nil) == (expected["details"] == nil), "\(recorded.name): details presence",
                sourceLocation: sourceLocation)
        #expect(got.value(at: "details", "kind") == expected.value(at: "details", "kind"), "\(recorded.name): details.kind",
                sourceLocation: sourceLocation)
        #expect((got.value(at: "details", "name") == nil) == (expected.value(at: "details", "name") == nil),
                "\(recorded.name): details.name presence", sourceLocation: sourceLocation)
        let causes: (JSON) -> [String] = { status in
            (status.value(at: "details", "causes")?.array ?? []).map {
                "\($0["reason"]?.string ?? "")|\($0["field"]?.string ?? "")|\($0["message"]?.string ?? "")"
            }
        }
        #expect(causes(got) == causes(expected), "\(recorded.name): causes", sourceLocation: sourceLocation)
    }

    /// A pod's stable shape: phase, reason, container states with exit codes and reasons, IP
    /// presence, and condition types/statuses/reasons.
    static func shape(_ pod: JSON) -> String {
        let status = pod["status"] ?? .null
        let containers = (status["containerStatuses"]?.array ?? []).map { container -> String in
            let state = container["state"]?.object ?? [:]
            let name = state.keys.sorted().joined()
            let detail = state.values.first
            return "\(name)(\(detail?["reason"]?.string ?? "")/\(detail?["exitCode"]?.int.map(String.init) ?? ""))"
        }
        let conditions = (status["conditions"]?.array ?? []).map {
            "\($0["type"]?.string ?? "")=\($0["status"]?.string ?? "")(\($0["reason"]?.string ?? ""))"
        }
        return [status["phase"]?.string ?? "-", status["reason"]?.string ?? "-", containers.joined(separator: ","),
                status["podIP"] == nil ? "noIP" : "IP", status["hostIP"] == nil ? "noHost" : "host",
                pod.value(at: "spec", "nodeName") == nil ? "unbound" : "bound",
                pod.value(at: "metadata", "deletionTimestamp") == nil ? "" : "deleting(\(pod.value(at: "metadata", "deletionGracePeriodSeconds")?.int ?? -1))",
                conditions.joined(separator: ",")].joined(separator: " ")
    }

    /// Every field of a returned Pod is one the real API defines.
    static func knownFields(_ object: JSON, as structure: String = "Pod", sourceLocation: SourceLocation = #_sourceLocation) {
        let unknown = KnownFields.unknownFields(in: object, as: structure)
        #expect(unknown.isEmpty, "unknown fields: \(unknown)", sourceLocation: sourceLocation)
    }
}
