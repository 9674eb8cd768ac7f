import ArkdEngine
import ArkdServer
import Foundation
import Testing
import Yams

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test("every route the server registers is in Docs/openapi.yaml, and every documented operation is served")
    func routesMatchDocument() async throws {
        let harness = try DaemonHarness()
        let served = try await LocalRuntime.withEngine(configuration: harness.site.engineConfiguration,
                                                       logger: DaemonHarness.quietLogger) { engine in
            let router = APIRouter.make(APIDependencies(engine: engine, site: harness.site, metrics: ArkdMetrics(),
                                                        tokens: nil))
            return Set(router.routes.map { route in
                "\(route.method.rawValue) \(route.path.description.replacingOccurrences(of: "**", with: "{path}"))"
            })
        }
        let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/openapi.yaml")
        let yaml = try #require(try Yams.load(yaml: String(contentsOf: document, encoding: .utf8)) as? [String: Any])
        let paths = try #require(yaml["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "post", "put", "delete", "patch", "head", "options"]
        let documented = Set(paths.flatMap { path, operations in
            operations.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
        })
        #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
        #expect(served.count >= 11)
    }
}
