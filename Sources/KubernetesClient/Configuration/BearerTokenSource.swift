/// Where the bearer token comes from.
///
/// A projected service-account token is rotated by the kubelet (hourly by default), so a token
/// file is read again when the copy in memory is older than `refreshAfter`, and at once when the
/// server answers 401.
public enum BearerTokenSource: Sendable, Hashable {
    case literal(String)
    case file(path: String, refreshAfter: Duration = .seconds(60))
}
