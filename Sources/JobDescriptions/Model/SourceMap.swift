/// Where in the text each part of a job was written.
public struct SourceMap: Sendable, Hashable {
    private var positions: [JobField: SourcePosition] = [:]

    public init() {}

    public subscript(field: JobField) -> SourcePosition? {
        get { positions[field] }
        set { positions[field] = newValue }
    }

    /// The position of a field, or of the description's start when the field was not written
    /// (a default, or a value derived from others).
    public func position(of field: JobField) -> SourcePosition {
        positions[field] ?? .start
    }
}
