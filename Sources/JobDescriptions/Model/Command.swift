/// A program with its arguments and the exit code that counts as success (ADL pre- and
/// post-executables).
public struct Command: Sendable, Hashable, Codable {
    public var path: String
    public var arguments: [String]
    public var expectedExitCode: Int?

    public init(path: String, arguments: [String] = [], expectedExitCode: Int? = nil) {
        self.path = path
        self.arguments = arguments
        self.expectedExitCode = expectedExitCode
    }
}
