import Foundation

/// `metav1.ObjectMeta`: the identity, version and bookkeeping every object carries.
///
/// `resourceVersion` is opaque: compare it for equality only, never order it.
public struct ObjectMeta: Codable, Sendable, Hashable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var creationTimestamp: Date?
    /// Set once deletion was requested; the object stays while finalizers remain.
    public var deletionTimestamp: Date?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var finalizers: [String]?
    public var ownerReferences: [OwnerReference]?

    public init(name: String? = nil, generateName: String? = nil, namespace: String? = nil, uid: String? = nil,
                resourceVersion: String? = nil, creationTimestamp: Date? = nil, deletionTimestamp: Date? = nil,
                deletionGracePeriodSeconds: Int64? = nil, labels: [String: String]? = nil,
                annotations: [String: String]? = nil, finalizers: [String]? = nil,
                ownerReferences: [OwnerReference]? = nil) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
        self.labels = labels
        self.annotations = annotations
        self.finalizers = finalizers
        self.ownerReferences = ownerReferences
    }
}
