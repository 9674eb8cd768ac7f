/// Where in an object a value is, written as `kubectl` and the API server write it
/// (`spec.template.spec.containers[0].image`, `metadata.labels[app]`), so that a failure names the
/// field to fix.
struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    private var text = ""

    static let root = FieldPath()

    /// A field of an object.
    func field(_ name: String) -> FieldPath {
        var path = self
        path.text += text.isEmpty ? name : "." + name
        return path
    }

    /// An entry of a map (labels, data, resource lists): keys are site data, not field names.
    func key(_ name: String) -> FieldPath {
        var path = self
        path.text += "[\(name)]"
        return path
    }

    /// An item of a list.
    func index(_ position: Int) -> FieldPath {
        var path = self
        path.text += "[\(position)]"
        return path
    }

    var description: String { text.isEmpty ? "(the object)" : text }
}
