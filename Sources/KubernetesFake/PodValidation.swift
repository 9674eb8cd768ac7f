/// The API server's Pod validation, far enough for the errors a batch client can cause.
///
/// Every problem becomes one cause of a single 422 Invalid answer (the real server reports them
/// all at once, in this order: metadata, containers, then the rest of the spec).
enum PodValidation {
    static let subdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let labelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    static let labelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

    /// The causes for a Pod about to be created (defaults already applied); empty when valid.
    static func causes(for pod: JSON) -> [ValidationCause] {
        var causes: [ValidationCause] = []
        let name = pod.value(at: "metadata", "name")?.string ?? ""
        if name.isEmpty {
            if (pod.value(at: "metadata", "generateName")?.string ?? "").isEmpty {
                causes.append(.required("metadata.name", "name or generateName is required"))
            }
        } else if name.utf8.count > 253 {
            causes.append(.invalid("metadata.name", value: name, "must be no more than 253 characters"))
        } else if !isSubdomain(name) {
            causes.append(.invalid("metadata.name", value: name, subdomainMessage))
        }
        for (_, value) in (pod.value(at: "metadata", "labels")?.object ?? [:]).sorted(by: { $0.key < $1.key }) {
            let text = value.string ?? ""
            if text.utf8.count > 63 {
                causes.append(.invalid("metadata.labels", value: text, "must be no more than 63 characters"))
            } else if !isLabelValue(text) {
                causes.append(.invalid("metadata.labels", value: text, labelValueMessage))
            }
        }
        let containers = pod.value(at: "spec", "containers")?.array ?? []
        if containers.isEmpty { causes.append(.required("spec.containers")) }
        for (index, container) in containers.enumerated() {
            causes += containerCauses(container, field: "spec.containers[\(index)]")
        }
        let restartPolicy = pod.value(at: "spec", "restartPolicy")?.string ?? "Always"
        if !["Always", "OnFailure", "Never"].contains(restartPolicy) {
            causes.append(.notSupported("spec.restartPolicy", value: restartPolicy,
                                        supported: ["Always", "OnFailure", "Never"]))
        }
        if let deadline = pod.value(at: "spec", "activeDeadlineSeconds")?.int, deadline <= 0 {
            causes.append(.invalid("spec.activeDeadlineSeconds", value: String(deadline),
                                   "must be between 1 and 2147483647, inclusive"))
        }
        return causes
    }

    private static func containerCauses(_ container: JSON, field: String) -> [ValidationCause] {
        var causes: [ValidationCause] = []
        let name = container["name"]?.string ?? ""
        if name.isEmpty {
            causes.append(.required("\(field).name"))
        } else if name.utf8.count > 63 || !isLabel(name) {
            causes.append(.invalid("\(field).name", value: name, labelMessage))
        }
        if (container["image"]?.string ?? "").isEmpty { causes.append(.required("\(field).image")) }
        let limits = container.value(at: "resources", "limits")?.object ?? [:]
        let requests = container.value(at: "resources", "requests")?.object ?? [:]
        for (kind, values) in [("limits", limits), ("requests", requests)] {
            for (resource, value) in values.sorted(by: { $0.key < $1.key }) {
                if let text = value.string, let quantity = Quantity(text), quantity.isNegative {
                    causes.append(.invalid("\(field).resources.\(kind)[\(resource)]", value: text,
                                           "must be greater than or equal to 0"))
                }
            }
        }
        for (resource, value) in requests.sorted(by: { $0.key < $1.key }) {
            guard let requestText = value.string, let request = Quantity(requestText),
                  let limitText = limits[resource]?.string, let limit = Quantity(limitText),
                  !request.isNegative, !limit.isNegative, request > limit
            else { continue }
            causes.append(.invalid("\(field).resources.requests", value: requestText,
                                   "must be less than or equal to \(resource) limit of \(limitText)"))
        }
        return causes
    }

    static func isSubdomain(_ text: String) -> Bool {
        !text.isEmpty && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabel(String($0)) }
    }

    static func isLabel(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        return alphanumeric(first) && alphanumeric(last) && bytes.allSatisfy { alphanumeric($0) || $0 == 0x2D }
    }

    static func isLabelValue(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last else { return true }
        func alphanumeric(_ byte: UInt8) -> Bool {
            (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
        }
        return alphanumeric(first) && alphanumeric(last)
            && bytes.allSatisfy { alphanumeric($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }
}
