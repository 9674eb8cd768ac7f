import Foundation
import KubernetesFake
import KubernetesFixtures
import Testing

@Suite struct CreateTests {
    @Test func validPodComesBackWithTheRecordedDefaults() async throws {
        try await withFake { _, bridge, admin in
            let recorded = try RecordedExchange.named("10-create-01-valid-pod")
            let response = try await Compare.replay(recorded, bridge: bridge, admin: admin)
            #expect(response.status == 201)
            let got = response.json
            let expected = recorded.responseJSON
            #expect(got["spec"] == expected["spec"])
            #expect(got["status"] == expected["status"])
            for field in ["name", "namespace", "labels", "finalizers"] {
                #expect(got.value(at: "metadata", field) == expected.value(at: "metadata", field))
            }
            for field in ["uid", "resourceVersion", "creationTimestamp"] {
                #expect(got.value(at: "metadata", field)?.string?.isEmpty == false, "\(field)")
            }
            #expect(got.value(at: "metadata", "managedFields")?[0]?["manager"] == "arkd-fake-tests")
            Compare.knownFields(got)
            let again = try RecordedExchange.named("10-create-02-already-exists")
            Compare.status(try await Compare.replay(again, bridge: bridge, admin: admin), again)
        }
    }

    @Test(arguments: ["10-create-03-invalid-name-uppercase", "10-create-04-invalid-name-too-long",
                      "10-create-05-invalid-several-causes", "10-create-06-unknown-field-strict",
                      "10-create-09-namespace-missing-bridge", "10-create-10-namespace-missing-admin",
                      "10-create-11-negative-cpu", "10-create-12-malformed-quantity", "10-create-13-wrong-type",
                      "10-create-14-missing-name"])
    func refusedCreateMatchesTheRecording(_ name: String) async throws {
        try await withFake { _, bridge, admin in
            let recorded = try RecordedExchange.named(name)
            Compare.status(try await Compare.replay(recorded, bridge: bridge, admin: admin), recorded)
        }
    }

    @Test func unknownFieldsWarnByDefaultAndAreDropped() async throws {
        try await withFake { _, bridge, admin in
            let recorded = try RecordedExchange.named("10-create-07-unknown-field-default-warn")
            let response = try await Compare.replay(recorded, bridge: bridge, admin: admin)
            #expect(response.status == 201)
            let recordedWarnings = recorded.response.headers.filter { $0.name == "Warning" }.map(\.value)
            #expect(response.headers("Warning") == recordedWarnings)
            #expect(response.json.value(at: "spec", "nodeSelectorr") == nil)
            #expect(response.json.value(at: "spec", "containers")?[0]?["bogusField"] == nil)
            Compare.knownFields(response.json)

            let ignore = try RecordedExchange.named("10-create-08-unknown-field-ignore")
            let ignored = try await Compare.replay(ignore, bridge: bridge, admin: admin)
            #expect(ignored.status == 201)
            #expect(ignored.headers("Warning").isEmpty)
        }
    }

    @Test func malformedBodiesAreBadRequests() async throws {
        try await withFake { _, bridge, _ in
            for body in ["{", "[1,2]", "\"text\"", "{\"metadata\": 5}", "{\"spec\":{\"containers\":{}}}", "{\"spec\":{\"activeDeadlineSeconds\":1e300}}",
                         "{\"spec\":{\"priority\":3000000000}}", "\u{0}\u{1}garbage"] {
                let response = try await bridge.send(.POST, "/api/v1/namespaces/grid/pods", body: Data(body.utf8))
                #expect(response.status == 400, "\(body): \(response.text)")
                #expect(response.json["reason"] == "BadRequest")
            }
        }
    }

    @Test func dryRunCreatesNothing() async throws {
        try await withFake { fake, bridge, admin in
            let recorded = try RecordedExchange.named("10-create-01-valid-pod")
            let response = try await bridge.send(.POST, recorded.path, query: "dryRun=All", body: recorded.requestBody)
            #expect(response.status == 201)
            #expect(await fake.pod(namespace: "grid", name: "arkd-fx-main") == nil)
        }
    }
}
