import Foundation

/// What `arkctl arc submit` reads beside the GRAMI file.
enum ArcSubmission {
    /// The arkd id A-REX recorded for the job's previous attempt (`localid=` in its .local file:
    /// `job.<ID>.local` beside `job.<ID>.grami` in ARC 6, `local` beside `grami` in ARC 7).
    static func recordedLocalID(besideGRAMI grami: String) -> String? {
        let url = URL(fileURLWithPath: grami)
        let name = url.lastPathComponent
        let local: URL
        if name.hasSuffix(".grami") {
            local = url.deletingLastPathComponent().appendingPathComponent(String(name.dropLast(6)) + ".local")
        } else if name == "grami" {
            local = url.deletingLastPathComponent().appendingPathComponent("local")
        } else {
            return nil
        }
        guard let text = try? String(contentsOf: local, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("localid=") {
            let value = line.dropFirst("localid=".count).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
