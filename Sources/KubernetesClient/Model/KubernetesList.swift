/// A page of a LIST: `PodList`, `NodeList`.
public struct KubernetesList<Item: KubernetesObject>: Codable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ListMeta
    public var items: [Item]

    public init(metadata: ListMeta, items: [Item]) {
        self.metadata = metadata
        self.items = items
    }

    private enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, items
    }

    /// Written out so that `"items": null` (or no items) reads as an empty page.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}

extension KubernetesList: Equatable where Item: Equatable {}
extension KubernetesList: Hashable where Item: Hashable {}

public typealias PodList = KubernetesList<Pod>
public typealias NodeList = KubernetesList<Node>
