import JobDescriptions
import Testing

@Suite("ARC URLs")
struct DataLocationTests {
    @Test("options sit between host and path and print sorted")
    func options() throws {
        let location = try DataLocation(parsing: "gsiftp://example.com;threads=5;cache=no/in1")
        #expect(location.host == "example.com" && location.path == "/in1")
        #expect(location.options == ["threads": "5", "cache": "no"])
        #expect(location.description == "gsiftp://example.com;cache=no;threads=5/in1")
    }

    @Test("paths keep ';' and ':' verbatim")
    func verbatimPath() throws {
        let text = "attic://voldemort.cs.cf.ac.uk:7048/dl/meta/pointer/0c19;md5=7b7e:size=9652"
        let location = try DataLocation(parsing: text)
        #expect(location.port == 7048)
        #expect(location.description == text)
    }

    @Test("index URLs carry replicas, printed with default ports")
    func replicas() throws {
        let location = try DataLocation(parsing: "lfc://srm://se/p|gsiftp://se2/p@lfc.host/lfn")
        #expect(location.replicas.map(\.host) == ["se", "se2"])
        #expect(location.host == "lfc.host" && location.path == "/lfn")
        #expect(location.description == "lfc://srm://se/p|gsiftp://se2:2811/p@lfc.host:5010/lfn")
    }

    @Test("user info, IPv6 and ports")
    func authority() throws {
        let location = try DataLocation(parsing: "ftp://user:pass@[::1]:2121/f")
        #expect(location.userInfo == "user:pass" && location.hasPassword)
        #expect(location.host == "[::1]" && location.port == 2121)
        #expect(throws: DataLocationError.self) { try DataLocation(parsing: "http://h:port/x") }
        #expect(throws: DataLocationError.self) { try DataLocation(parsing: "no-scheme/x") }
        #expect(throws: DataLocationError.self) { try DataLocation(parsing: "1ttp://h/x") }
    }
}
