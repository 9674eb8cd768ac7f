import ArkdEngine
import Foundation

/// `POST /v1/jobs` and `GET /v1/jobs` answers: jobs, and for listings the cursor of the next page.
struct JobListJSON: Codable, Sendable {
    var jobs: [JobJSON]
    var nextCursor: String?
}

/// `GET /v1/jobs/{id}/events`.
struct JobEventsJSON: Codable, Sendable {
    struct Event: Codable, Sendable {
        var from: String?
        var to: String
        var reason: String
        var at: Date
    }

    var id: String
    var events: [Event]

    init(id: JobID, history: [JobTransition]) {
        self.id = id.rawValue
        events = history.map { Event(from: $0.fromState?.rawValue, to: $0.toState.rawValue, reason: $0.reason, at: $0.at) }
    }
}
