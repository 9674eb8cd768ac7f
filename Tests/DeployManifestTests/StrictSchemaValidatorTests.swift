import Testing
import Yams

/// The checker itself: a validator that accepts everything would make every manifest test pass.
@Suite("StrictSchemaValidator")
struct StrictSchemaValidatorTests {
    static func violations(_ yaml: String) throws -> [SchemaViolation] {
        let object = try #require(try Yams.compose(yaml: yaml))
        return StrictSchemaValidator(schema: try KubernetesSchema.load()).validate(object)
    }

    @Test("an unknown field and a wrong type are reported with their paths and lines")
    func unknownFieldAndWrongType() throws {
        let violations = try Self.violations("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: broken
              lables: {a: b}
            data:
              count: 3
            """)
        #expect(violations.count == 2, "\(violations)")
        let unknown = violations.first { $0.path.description == "metadata.lables" }
        #expect(unknown?.message == "unknown field \"lables\"")
        #expect(unknown?.line == 5)
        let wrongType = violations.first { $0.path.description == "data[count]" }
        #expect(wrongType?.message.hasPrefix("expected a string") == true)
        #expect(wrongType?.line == 7)
    }

    @Test("nested errors in a Deployment: types, int32, enum, quantity, required fields, unknown fields")
    func deploymentErrors() throws {
        let violations = try Self.violations("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: broken}
            spec:
              replicas: "1"
              revisionHistoryLimit: 3000000000
              strategy: {type: BlueGreen}
              template:
                spec:
                  containers:
                    - name: main
                      image: busybox
                      resources: {limits: {cpu: 2 cores, memory: 1Gi}}
                      securityContext: {readOnlyRootFileSystem: true}
                      ports: [{containerPort: 8443, name: 8443}]
            """)
        let found = Set(violations.map(\.path.description))
        #expect(found == [
            "spec.replicas", "spec.revisionHistoryLimit", "spec.strategy.type", "spec.selector",
            "spec.template.spec.containers[0].resources.limits[cpu]",
            "spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem",
            "spec.template.spec.containers[0].ports[0].name",
        ], "\(violations)")
    }

    @Test("int-or-string takes both, quantities take strings and numbers, nulls are absent fields")
    func acceptedForms() throws {
        let violations = try Self.violations("""
            apiVersion: v1
            kind: Service
            metadata: {name: fine, labels: null}
            spec:
              ports:
                - {port: 80, targetPort: http}
                - {port: 81, targetPort: 8081}
            """)
        #expect(violations.isEmpty, "\(violations)")
        let claim = try Self.violations("""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: fine}
            spec: {resources: {requests: {storage: 1073741824}, limits: {storage: 2Gi}}}
            """)
        #expect(claim.isEmpty, "\(claim)")
    }

    @Test("an unknown kind is reported, not passed")
    func unknownKind() throws {
        let violations = try Self.violations("apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: w}\n")
        #expect(violations.map(\.message) == ["no schema for example.org/v1 Widget"])
    }

    @Test("quantities parse as the API server parses them", arguments: [
        ("250m", "0.25"), ("1Gi", "1073741824"), ("1.5", "1.5"), ("1e3", "1000"), ("2", "2"), (".5", "0.5"),
        ("1.", "1"), ("+1k", "1000"), ("-1", "-1"), ("100M", "100000000"), ("1E", "1000000000000000000"),
        ("5E-3", "0.005"), ("1Ki", "1024"),
    ])
    func quantities(text: String, expected: String) throws {
        let quantity = try #require(Quantity(text))
        #expect(quantity.value.description == expected)
    }

    @Test("malformed quantities are refused",
          arguments: ["", "1GB", "2 cores", "1.2.3", ".", "+", "Gi", "1e", "1Kib", "1e+"])
    func malformedQuantities(text: String) {
        #expect(Quantity(text) == nil)
    }

    @Test("object names follow the API server's rules")
    func names() {
        #expect(ObjectName.problem("arkd-nodes", kind: "ClusterRole") == nil)
        #expect(ObjectName.problem("arkd.example", kind: "ConfigMap") == nil)
        #expect(ObjectName.problem("Arkd", kind: "ConfigMap") != nil)
        #expect(ObjectName.problem("-arkd", kind: "ConfigMap") != nil)
        #expect(ObjectName.problem("arkd.example", kind: "Service") != nil)
        #expect(ObjectName.problem("1arkd", kind: "Service") != nil)
        #expect(ObjectName.problem("1arkd", kind: "Namespace") == nil)
        #expect(ObjectName.problem(String(repeating: "a", count: 64), kind: "Namespace") != nil)
    }
}
