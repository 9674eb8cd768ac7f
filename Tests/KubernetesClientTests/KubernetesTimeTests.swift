import Foundation
import Testing

@testable import KubernetesClient

@Suite("RFC 3339 times")
struct KubernetesTimeTests {
    @Test("with and without fractional seconds, Z or an offset", arguments: [
        ("2024-03-01T10:00:00Z", 1_709_287_200.0),
        ("2024-03-01T10:00:00.5Z", 1_709_287_200.5),
        ("2024-03-01T10:00:00.123456Z", 1_709_287_200.123456),
        ("2024-03-01T12:00:00+02:00", 1_709_287_200.0),
        ("1970-01-01T00:00:00Z", 0.0),
    ])
    func parses(text: String, seconds: Double) throws {
        let date = try #require(KubernetesTime.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test("rejects what is not RFC 3339", arguments: ["", "2024-03-01", "2024-03-01 10:00:00Z", "2024-13-01T10:00:00Z",
                                                      "2024-03-01T10:00:00", "2024-03-01T10:00:00.Z"])
    func rejects(text: String) {
        #expect(KubernetesTime.parse(text) == nil)
    }

    @Test("formats whole seconds in UTC")
    func formats() {
        #expect(KubernetesTime.format(Date(timeIntervalSince1970: 1_709_287_200.7)) == "2024-03-01T10:00:00Z")
        #expect(KubernetesTime.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    }
}
