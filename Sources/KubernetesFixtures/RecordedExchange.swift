import Foundation

/// One HTTP exchange recorded from a real Kubernetes v1.28.7 API server (see `Recorded/README.md`).
///
/// The client's tests decode every recorded body, and the fake API server's tests compare its
/// answers with these, so that neither drifts from what a real cluster says. Bodies are kept as
/// bytes: JSON bodies re-serialised from the recording, text bodies (logs, the 429 from API
/// Priority and Fairness) exactly as sent.
public struct RecordedExchange: Sendable {
    public struct Response: Sendable {
        public let status: Int
        /// Sorted by name (the recording keeps them in a JSON object); a header sent several
        /// times (`Warning`) appears several times, in wire order.
        public let headers: [(name: String, value: String)]
        /// The whole body; for a watch, the events joined by newlines as they were streamed.
        public let body: Data
        /// For a watch, each event as the server sent it; empty otherwise.
        public let events: [Data]
        public let isJSON: Bool

        public func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    public let name: String
    public let scenario: String
    public let identity: String
    public let method: String
    public let path: String
    public let rawQuery: String
    public let query: [String: String]
    public let requestBody: Data?
    public let response: Response

    public var isWatch: Bool { query["watch"] == "true" || query["watch"] == "1" }

    /// The exchange stored as `<name>.json` (for example `30-exit3-04-get`).
    public static func named(_ name: String) throws -> RecordedExchange {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Recorded") else {
            throw RecordedExchangeError("no recorded exchange named '\(name)'")
        }
        return try RecordedExchange(name: name, data: Data(contentsOf: url))
    }

    /// Every recorded exchange, in file-name order (which is the recording's order per scenario).
    public static func all() throws -> [RecordedExchange] {
        guard let directory = Bundle.module.url(forResource: "Recorded", withExtension: nil) else {
            throw RecordedExchangeError("the recorded exchanges are missing from the bundle")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
        return try files.map { file in
            try RecordedExchange(name: String(file.dropLast(5)),
                                 data: Data(contentsOf: directory.appendingPathComponent(file)))
        }
    }

    init(name: String, data: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let request = root["request"] as? [String: Any],
              let response = root["response"] as? [String: Any],
              let status = response["status"] as? Int
        else {
            throw RecordedExchangeError("'\(name)' is not a recorded exchange")
        }
        self.name = name
        scenario = root["scenario"] as? String ?? name
        identity = root["identity"] as? String ?? ""
        method = request["method"] as? String ?? "GET"
        path = request["path"] as? String ?? "/"
        rawQuery = request["rawQuery"] as? String ?? ""
        query = (request["query"] as? [String: Any] ?? [:]).mapValues { "\($0)" }
        requestBody = try request["body"].flatMap(Self.bytes)

        let headers = Self.headers(response["headers"])
        let contentType = headers.first { $0.name.lowercased() == "content-type" }?.value ?? ""
        let isWatch = query["watch"] == "true" || query["watch"] == "1"
        var events: [Data] = []
        var body = Data()
        if isWatch, let list = response["body"] as? [Any] {
            events = try list.map { try Self.bytes(of: $0) }
            body = Data(events.map { $0 + Data("\n".utf8) }.joined())
        } else if let value = response["body"] {
            body = try Self.bytes(of: value)
        }
        self.response = Response(status: status, headers: headers, body: body, events: events,
                                 isJSON: contentType.hasPrefix("application/json"))
    }

    private static func bytes(_ value: Any) throws -> Data? {
        value is NSNull ? nil : try bytes(of: value)
    }

    private static func bytes(of value: Any) throws -> Data {
        if let text = value as? String { return Data(text.utf8) }
        return try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    private static func headers(_ value: Any?) -> [(name: String, value: String)] {
        guard let object = value as? [String: Any] else { return [] }
        return object.sorted { $0.key < $1.key }.flatMap { name, value -> [(name: String, value: String)] in
            if let values = value as? [Any] { return values.map { (name, "\($0)") } }
            return [(name, "\(value)")]
        }
    }
}

/// A recording that cannot be found or read.
public struct RecordedExchangeError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
