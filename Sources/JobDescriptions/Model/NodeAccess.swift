/// Network connectivity the job needs on its worker node.
public enum NodeAccess: String, Sendable, Hashable, Codable {
    case inbound
    case outbound
    case inboundAndOutbound = "inoutbound"
}
