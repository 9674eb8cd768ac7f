import Foundation

/// `core/v1 ContainerState`: at most one of the three is set.
public struct ContainerState: Codable, Sendable, Hashable {
    public var waiting: Waiting?
    public var running: Running?
    public var terminated: Terminated?

    public init(waiting: Waiting? = nil, running: Running? = nil, terminated: Terminated? = nil) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }

    /// Not started yet: `ContainerCreating`, `ErrImagePull`, `ImagePullBackOff`,
    /// `CreateContainerConfigError`, … — image and configuration errors never end by themselves.
    public struct Waiting: Codable, Sendable, Hashable {
        public var reason: String?
        public var message: String?

        public init(reason: String? = nil, message: String? = nil) {
            self.reason = reason
            self.message = message
        }
    }

    public struct Running: Codable, Sendable, Hashable {
        public var startedAt: Date?

        public init(startedAt: Date? = nil) { self.startedAt = startedAt }
    }

    /// Ended: `exitCode` with `reason` `Completed`, `Error`, `OOMKilled`, `StartError`, …
    /// `startedAt` is the zero time (1970) when the process never started.
    public struct Terminated: Codable, Sendable, Hashable {
        public var exitCode: Int32
        public var signal: Int32?
        public var reason: String?
        public var message: String?
        public var startedAt: Date?
        public var finishedAt: Date?
        public var containerID: String?

        public init(exitCode: Int32, signal: Int32? = nil, reason: String? = nil, message: String? = nil,
                    startedAt: Date? = nil, finishedAt: Date? = nil, containerID: String? = nil) {
            self.exitCode = exitCode
            self.signal = signal
            self.reason = reason
            self.message = message
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.containerID = containerID
        }
    }
}
