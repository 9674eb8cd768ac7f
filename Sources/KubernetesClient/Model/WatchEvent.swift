/// One line of a watch stream.
///
/// A BOOKMARK's object is a stub whose only meaning is its `resourceVersion` (arrays in it are
/// `null`), so it is kept as just that; an ERROR carries a `Status` instead of the object (410
/// Expired when the requested version is too old).
public enum WatchEvent<Object: KubernetesObject>: Sendable {
    case added(Object)
    case modified(Object)
    case deleted(Object)
    case bookmark(resourceVersion: String?)
    case error(Status)

    /// The resourceVersion to resume a watch from after this event.
    public var resourceVersion: String? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object): object.metadata.resourceVersion
        case .bookmark(let version): version
        case .error: nil
        }
    }
}

extension WatchEvent: Decodable {
    private enum CodingKeys: String, CodingKey {
        case type, object
    }

    private struct Stub: Decodable {
        var metadata: ObjectMeta?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "ADDED": self = .added(try container.decode(Object.self, forKey: .object))
        case "MODIFIED": self = .modified(try container.decode(Object.self, forKey: .object))
        case "DELETED": self = .deleted(try container.decode(Object.self, forKey: .object))
        case "BOOKMARK":
            self = .bookmark(resourceVersion: try container.decode(Stub.self, forKey: .object).metadata?.resourceVersion)
        case "ERROR": self = .error(try container.decode(Status.self, forKey: .object))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container,
                                                   debugDescription: "unknown watch event type '\(type)'")
        }
    }
}
