/// Which way a file moves; errors and progress name it so a message reads "input 'x' from …" or
/// "output 'y' to …".
public enum StagingDirection: String, Sendable, Hashable, CustomStringConvertible {
    case input
    case output

    public var description: String { rawValue }
}
