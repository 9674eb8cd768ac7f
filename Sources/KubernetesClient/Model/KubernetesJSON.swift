import Foundation

/// The JSON coders for Kubernetes objects: RFC 3339 times (with or without fractional seconds),
/// unknown fields ignored, nil fields left out.
///
/// Use these rather than a plain `JSONDecoder` so that times decode; everything else is the
/// standard `Codable` behaviour.
public enum KubernetesJSON {
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = KubernetesTime.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an RFC 3339 time")
            }
            return date
        }
        return decoder
    }

    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(KubernetesTime.format(date))
        }
        return encoder
    }

    /// Decodes one object with the Kubernetes conventions.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try makeDecoder().decode(type, from: data)
    }

    /// Encodes one object with the Kubernetes conventions.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try makeEncoder().encode(value)
    }
}
