/// The answer to a create: the object with the server's defaults filled in, and the server's
/// `Warning` headers (dropped unknown fields, deprecations), which are worth logging.
public struct CreatedObject<Object: KubernetesObject>: Sendable {
    public let object: Object
    public let warnings: [String]
    /// More than 1 when the create was repeated after a transient failure.
    public let attempts: Int
}
