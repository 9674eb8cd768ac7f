import HTTPTypes

/// The method and path pattern of every route, so that a request for a served path with a method
/// it does not answer gets 405 and an `Allow` header rather than 404 (RFC 9110 §15.5.6).
struct RouteTable: Sendable {
    private let routes: [(method: HTTPRequest.Method, segments: [Substring])]

    /// `patterns`: Hummingbird's path notation, `{name}` for one segment, `**` for the rest.
    init(_ patterns: [(HTTPRequest.Method, String)]) {
        routes = patterns.map { ($0.0, $0.1.split(separator: "/")) }
    }

    /// The methods routed for `path`, in the order the routes were registered. Where several
    /// patterns match (`/v1/jobs/status` and `/v1/jobs/{id}`), the router takes the one with more
    /// literal segments, so only its methods count.
    func methods(forPath path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        let matching = routes.filter { Self.matches($0.segments, segments) }
        let best = matching.map { Self.literals($0.segments) }.max() ?? 0
        var methods: [HTTPRequest.Method] = []
        for route in matching where Self.literals(route.segments) == best && !methods.contains(route.method) {
            methods.append(route.method)
        }
        return methods
    }

    private static func literals(_ pattern: [Substring]) -> Int {
        pattern.filter { $0 != "**" && !($0.hasPrefix("{") && $0.hasSuffix("}")) }.count
    }

    private static func matches(_ pattern: [Substring], _ segments: [Substring]) -> Bool {
        for (index, part) in pattern.enumerated() {
            if part == "**" { return segments.count > index }
            guard index < segments.count else { return false }
            if part.hasPrefix("{") && part.hasSuffix("}") { continue }
            if part != segments[index] { return false }
        }
        return pattern.count == segments.count
    }
}
