import Foundation

/// The non-resource paths: version, discovery and the OpenAPI v3 pieces `kubectl` reads before it
/// creates a pod (it looks for the `fieldValidation` parameter on the Pod PATCH operation).
enum Discovery {
    static let publicPaths: Set<String> = ["/version", "/healthz", "/livez", "/readyz"]

    static func answer(_ request: FakeRequest, identity: Identity) async -> FakeResponse {
        let path = request.path.count > 1 && request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path
        if identity == .anonymous, !publicPaths.contains(path) {
            return .error(.forbiddenPath(user: identity.user, path: path))
        }
        guard request.method == "GET" else { return .error(.methodNotAllowed()) }
        switch path {
        case "/version": return .json(200, version)
        case "/healthz", "/livez", "/readyz": return .text(200, "ok", contentType: "text/plain; charset=utf-8")
        case "/api": return .json(200, ["kind": "APIVersions", "versions": ["v1"],
                                        "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"]]])
        case "/api/v1": return .json(200, resources)
        case "/apis": return .json(200, ["kind": "APIGroupList", "apiVersion": "v1", "groups": []])
        case "/openapi/v3":
            return .json(200, ["paths": ["api/v1": ["serverRelativeURL": "/openapi/v3/api/v1?hash=FAKE"]]])
        case "/openapi/v3/api/v1": return .json(200, openAPIv1)
        case "/openapi/v2":
            if (request.header("Accept") ?? "").contains("protobuf") {
                return .full(status: 200, headers: [("Content-Type", "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")],
                             body: emptyOpenAPIv2Protobuf)
            }
            return .json(200, ["swagger": "2.0", "info": ["title": "Kubernetes", "version": "v1.28.7"], "paths": .object([:])])
        default: return .error(.unknownPath)
        }
    }

    /// An OpenAPI v2 document without definitions, in the protobuf encoding `kubectl` asks for
    /// (`swagger: "2.0"`, `info {title, version}`): with no schema to check against, kubectl
    /// leaves validation to the server's `fieldValidation`.
    static let emptyOpenAPIv2Protobuf: Data = {
        func field(_ number: UInt8, _ bytes: [UInt8]) -> [UInt8] { [number << 3 | 2, UInt8(bytes.count)] + bytes }
        let info = field(1, Array("Kubernetes".utf8)) + field(2, Array("v1.28.7".utf8))
        return Data(field(1, Array("2.0".utf8)) + field(2, info))
    }()

    static let version: JSON = [
        "major": "1", "minor": "28", "gitVersion": "v1.28.7", "gitCommit": "0000000000000000000000000000000000000000",
        "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.21.13", "compiler": "gc",
        "platform": "linux/amd64",
    ]

    private static func resource(_ name: String, _ singular: String, _ kind: String, namespaced: Bool, verbs: [JSON],
                                 shortNames: [JSON] = []) -> JSON {
        var resource: JSON = ["name": .string(name), "singularName": .string(singular), "namespaced": .bool(namespaced),
                              "kind": .string(kind), "verbs": .array(verbs)]
        if !shortNames.isEmpty { resource["shortNames"] = .array(shortNames) }
        if name == "pods" { resource["categories"] = ["all"] }
        return resource
    }

    static let resources: JSON = [
        "kind": "APIResourceList", "groupVersion": "v1",
        "resources": [
            resource("namespaces", "namespace", "Namespace", namespaced: false, verbs: ["create", "get", "list"], shortNames: ["ns"]),
            resource("nodes", "node", "Node", namespaced: false, verbs: ["get", "list"], shortNames: ["no"]),
            resource("pods", "pod", "Pod", namespaced: true,
                     verbs: ["create", "delete", "get", "list", "patch", "update", "watch"], shortNames: ["po"]),
            resource("pods/log", "", "Pod", namespaced: true, verbs: ["get"]),
            resource("pods/status", "", "Pod", namespaced: true, verbs: ["get"]),
        ],
    ]

    private static let podOperation: JSON = [
        "x-kubernetes-group-version-kind": ["group": "", "version": "v1", "kind": "Pod"],
        "parameters": [["name": "fieldValidation", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
                       ["name": "dryRun", "in": "query", "schema": ["type": "string", "uniqueItems": true]]],
        "responses": ["200": ["description": "OK"]],
    ]

    static let openAPIv1: JSON = [
        "openapi": "3.0.0", "info": ["title": "Kubernetes", "version": "v1.28.7"],
        "paths": [
            "/api/v1/namespaces/{namespace}/pods": ["post": podOperation],
            "/api/v1/namespaces/{namespace}/pods/{name}": ["patch": podOperation, "put": podOperation],
        ],
        "components": ["schemas": .object([:])],
    ]
}
