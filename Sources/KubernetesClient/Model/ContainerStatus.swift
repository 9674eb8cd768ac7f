/// `core/v1 ContainerStatus`: where one container is (waiting, running, terminated) and where it
/// was before its last restart.
public struct ContainerStatus: Codable, Sendable, Hashable {
    public var name: String
    public var state: ContainerState?
    public var lastState: ContainerState?
    public var ready: Bool?
    public var restartCount: Int?
    public var image: String?
    public var imageID: String?
    public var containerID: String?
    public var started: Bool?

    public init(name: String, state: ContainerState? = nil, lastState: ContainerState? = nil, ready: Bool? = nil,
                restartCount: Int? = nil, image: String? = nil, imageID: String? = nil, containerID: String? = nil,
                started: Bool? = nil) {
        self.name = name
        self.state = state
        self.lastState = lastState
        self.ready = ready
        self.restartCount = restartCount
        self.image = image
        self.imageID = imageID
        self.containerID = containerID
        self.started = started
    }
}
