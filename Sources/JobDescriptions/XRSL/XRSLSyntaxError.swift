/// The first syntax error in an xRSL text: where, and what was expected there.
struct XRSLSyntaxError: Error, Sendable {
    var offset: Int
    var message: String
}
