import ArkdEngine
import Foundation
import HTTPTypes
import Hummingbird
import JobDescriptions

/// `/v1/jobs...`: submit, list, look up, batch status, cancel, files and events.
struct JobRoutes: Sendable {
    let dependencies: APIDependencies

    var engine: Engine { dependencies.engine }

    func register(on router: Router<ArkdRequestContext>) {
        router.post("/v1/jobs") { request, context in try await submit(request, context) }
        router.get("/v1/jobs") { request, context in try await list(request, context) }
        router.post("/v1/jobs/status") { request, context in try await status(request, context) }
        router.get("/v1/jobs/{id}") { _, context in
            try JSONResponse.make(JobJSON(try await visibleJob(context, role: .read)))
        }
        router.delete("/v1/jobs/{id}") { _, context in try await cancel(context) }
        router.get("/v1/jobs/{id}/events") { _, context in
            let job = try await visibleJob(context, role: .read)
            return try JSONResponse.make(JobEventsJSON(id: job.id, history: try await engine.store.history(of: job.id)))
        }
        router.get("/v1/jobs/{id}/files/**") { _, context in try await file(context) }
    }

    // MARK: Submitting

    private func submit(_ request: Request, _ context: ArkdRequestContext) async throws -> Response {
        let principal = try context.require(.submit)
        let dialect = try dialect(request)
        let key = try idempotencyKey(request)
        let body = Array(try await RequestBody.collect(request, limit: dependencies.site.server.maxRequestBytes)
            .readableBytesView)
        var submission = JobSubmission(text: body, dialect: dialect, clientKey: key, owner: principal.owner)
        if let boundary = try request.headers[.contentType].flatMap(MultipartFormData.boundary(ofContentType:)) {
            (submission.text, submission.uploads) = try Self.descriptionAndUploads(
                MultipartFormData(parsing: body, boundary: boundary))
        }
        let accepted: [JobStore.Submission]
        do {
            accepted = try await engine.accept(submission)
        } catch let rejection as DescriptionRejection {
            let count = rejection.errors.count
            throw APIError(.badRequest, code: "invalid_description",
                           "the description was rejected with \(count) error\(count == 1 ? "" : "s")",
                           diagnostics: rejection.diagnostics)
        } catch let refusal as SubmissionRefusal {
            throw APIError(.badRequest, code: refusal.code, refusal.message)
        }
        if accepted.contains(where: { !$0.created && !principal.canSee($0.job) }) {
            throw APIError(.conflict, code: "idempotency_conflict",
                           "the Idempotency-Key is already used by another owner's job; choose another key")
        }
        let created = accepted.contains(where: \.created)
        return try JSONResponse.make(JobListJSON(jobs: accepted.map { JobJSON($0.job) }, nextCursor: nil),
                                     status: created ? .created : .ok)
    }

    /// A multipart submission: one `description` part, and a part with a `filename` for each
    /// input the description says its submitter uploads.
    private static func descriptionAndUploads(_ form: MultipartFormData) throws(APIError) -> ([UInt8], [UploadedFile]) {
        var description: [UInt8]?
        var uploads: [UploadedFile] = []
        for part in form.parts {
            if part.name == "description" {
                guard description == nil else { throw APIError.badRequest("the multipart body has two 'description' parts") }
                description = Array(part.body)
            } else if let filename = part.filename, !filename.isEmpty {
                uploads.append(UploadedFile(path: filename, bytes: Array(part.body)))
            } else {
                throw APIError.badRequest("multipart part '\(part.name)' is neither the 'description' nor a file "
                                          + "(a part with a filename)")
            }
        }
        guard let description else {
            throw APIError.badRequest("the multipart body has no 'description' part with the job description")
        }
        return (description, uploads)
    }

    private func dialect(_ request: Request) throws(APIError) -> XRSLDialect {
        guard let text = request.uri.queryParameters.get("dialect") else { return .user }
        guard let dialect = XRSLDialect(rawValue: text) else {
            throw APIError.badRequest("dialect '\(text)' is not one of: user, server")
        }
        return dialect
    }

    private func idempotencyKey(_ request: Request) throws(APIError) -> String? {
        guard let field = HTTPField.Name("Idempotency-Key"), let key = request.headers[field] else { return nil }
        guard (1...256).contains(key.utf8.count), key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw APIError.badRequest("the Idempotency-Key must be 1 to 256 printable ASCII characters without spaces")
        }
        return key
    }

    // MARK: Reading

    private func list(_ request: Request, _ context: ArkdRequestContext) async throws -> Response {
        let principal = try context.require(.read)
        let parameters = request.uri.queryParameters
        // An empty parameter (`?queue=&cursor=`, as forms and some clients send) means no value.
        let query = { (name: String) in parameters.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        var filter = JobListFilter(queue: query("queue"), owner: query("owner"))
        if let states = query("state") {
            for name in states.split(separator: ",") {
                guard let state = JobState(rawValue: String(name)) else {
                    throw APIError.badRequest("state '\(name)' is not one of "
                                              + JobState.allCases.map(\.rawValue).joined(separator: ", "))
                }
                filter.states.insert(state)
            }
        }
        if principal.role != .admin {
            if let owner = filter.owner, owner != principal.owner {
                return try JSONResponse.make(JobListJSON(jobs: [], nextCursor: nil))
            }
            filter.owner = principal.owner
        }
        var limit = 100
        if let text = query("limit") {
            guard let value = Int(text), (1...1000).contains(value) else {
                throw APIError.badRequest("limit must be a whole number from 1 to 1000")
            }
            limit = value
        }
        let after = try query("cursor").map { cursor throws(APIError) in try ListCursor.decode(cursor) }
        let page = try await engine.store.jobs(matching: filter, after: after, limit: limit)
        return try JSONResponse.make(JobListJSON(jobs: page.jobs.map(JobJSON.init), nextCursor: page.next.map(ListCursor.encode)))
    }

    private func status(_ request: Request, _ context: ArkdRequestContext) async throws -> Response {
        let principal = try context.require(.read)
        let body = try await RequestBody.collect(request, limit: dependencies.site.server.maxRequestBytes)
        let asked = try JSONResponse.decode(StatusRequestJSON.self, from: body)
        let ids = asked.ids.compactMap(JobID.init(rawValue:))
        let found = try await engine.store.jobs(ids: ids).filter(principal.canSee)
        let byID = Dictionary(found.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        var jobs: [JobStatusJSON] = []
        var unknown: [String] = []
        for id in asked.ids {
            if let record = byID[id] { jobs.append(JobStatusJSON(record)) } else { unknown.append(id) }
        }
        return try JSONResponse.make(StatusResponseJSON(jobs: jobs, unknown: unknown))
    }

    /// The job named by the route's `{id}`, if the caller may see it; 404 otherwise, so other
    /// owners' ids cannot be probed.
    private func visibleJob(_ context: ArkdRequestContext, role: Role) async throws -> JobRecord {
        let principal = try context.require(role)
        let text = try context.parameters.require("id")
        guard let id = JobID(rawValue: text), let job = try await engine.store.job(id), principal.canSee(job) else {
            throw APIError.noSuchJob(text)
        }
        return job
    }

    // MARK: Acting

    private func cancel(_ context: ArkdRequestContext) async throws -> Response {
        let job = try await visibleJob(context, role: .submit)
        do {
            return try JSONResponse.make(JobJSON(try await engine.cancel(job.id)))
        } catch let refusal as CancelRefusal {
            throw APIError(.conflict, code: "too_late", "job \(job.id) cannot be cancelled: \(refusal.reason)")
        }
    }

    private func file(_ context: ArkdRequestContext) async throws -> Response {
        let job = try await visibleJob(context, role: .read)
        let components = try SessionFile.components(of: context.parameters.getCatchAll())
        let file = try SessionFile.opening(root: job.sessionDirectory, components: components)
        let size = file.size
        let body = ResponseBody(contentLength: size) { writer in
            var offset = 0
            while offset < size {
                let chunk = try await file.read(at: offset, count: min(65_536, size - offset))
                if chunk.readableBytes == 0 { break }
                offset += chunk.readableBytes
                try await writer.write(chunk)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: body)
    }
}
