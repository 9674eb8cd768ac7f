/// Gives each element of one ADL `ActivityDescription` its meaning (shared spec §6) and builds one
/// `JobDescription`, recording where every field was written.
///
/// Shapes, units and enumerations are checked here; policy (names inside the session directory,
/// allowed URL schemes, positive quantities) is `JobValidator`'s job.
///
/// Whitespace: text of ADL's `xsd:string` elements (paths, names, arguments, values) is kept as
/// written, as ARC keeps it; numbers, booleans, enumerations and URIs are trimmed first, as XML
/// Schema does for those types.
struct ADLInterpreter {
    var job = JobDescription()
    var map = SourceMap()
    var log = DiagnosticLog()

    static func interpret(_ description: ADLElement) -> (JobDescription, SourceMap, [Diagnostic]) {
        var interpreter = ADLInterpreter()
        interpreter.readDescription(description)
        return (interpreter.job, interpreter.map, interpreter.log.entries)
    }

    mutating func error(_ message: String, at element: ADLElement) {
        log.error(message, at: element.position)
    }

    mutating func warning(_ message: String, at element: ADLElement) {
        log.warning(message, at: element.position)
    }

    // MARK: Top level

    private mutating func readDescription(_ root: ADLElement) {
        let sections = ["adl:ActivityIdentification", "adl:Application", "adl:Resources", "adl:DataStaging"]
        for child in children(of: root, once: sections) {
            switch child.key {
            case "adl:ActivityIdentification": readIdentification(child)
            case "adl:Application": readApplication(child)
            case "adl:Resources": readResources(child)
            case "adl:DataStaging": readDataStaging(child)
            default: unexpected(child, in: root)
            }
        }
    }

    private static let activityTypes: Set<String> = ["single", "collectionelement", "parallelelement", "workflownode"]

    private mutating func readIdentification(_ element: ADLElement) {
        for child in children(of: element, once: ["adl:Name", "adl:Description", "adl:Type"]) {
            switch child.key {
            case "adl:Name":
                guard let name = text(child) else { continue }
                job.jobName = name.isEmpty ? nil : name
                map[.jobName] = child.position
            case "adl:Description":
                _ = text(child)
            case "adl:Type":
                if let type = token(child), !Self.activityTypes.contains(type) {
                    warning("'Type' '\(type)' is not an ADL activity type (single, collectionelement, parallelelement, workflownode); ignored",
                            at: child)
                }
            case "adl:Annotation":
                if let annotation = text(child) { job.annotations.append(annotation) }
            case "nordugrid:ActivityOldID":
                if let id = token(child), !id.isEmpty { job.oldIDs.append(id) }
            default:
                unexpected(child, in: element)
            }
        }
    }

    // MARK: Structure

    /// The element children of `element`, without second copies of elements that may appear only
    /// once (`once` holds their keys); those are reported. Text between the children is reported
    /// too, because a container has none.
    mutating func children(of element: ADLElement, once: [String]) -> [ADLElement] {
        var first: [(key: String, position: SourcePosition)] = []
        var result: [ADLElement] = []
        result.reserveCapacity(element.children.count)
        for child in element.children {
            if once.contains(child.key) {
                if let earlier = first.first(where: { $0.key == child.key }) {
                    error("'\(child.name)' appears more than once in '\(element.name)' (first at \(earlier.position)); write it once",
                          at: child)
                    continue
                }
                first.append((child.key, child.position))
            }
            result.append(child)
        }
        if !element.hasOnlyWhitespaceText {
            warning("text directly inside '\(element.name)' is ignored: it holds elements", at: element)
        }
        return result
    }

    /// An element the interpreter has no use for at this place. Elements of ADL's and ARC's
    /// namespaces are reported, elements without a namespace too (a likely mistake); elements of
    /// other namespaces are extensions and skipped silently.
    mutating func unexpected(_ element: ADLElement, in parent: ADLElement) {
        switch element.namespace {
        case ADLNamespace.adl:
            warning("unknown ADL element '\(element.name)' in '\(parent.name)' ignored", at: element)
        case ADLNamespace.nordugrid:
            warning("unknown ARC extension element '\(element.name)' in '\(parent.name)' ignored", at: element)
        case "":
            warning("element '\(element.name)' has no namespace and is ignored: ADL elements belong to \(ADLNamespace.adl)",
                    at: element)
        default:
            break
        }
    }

    /// The first child with `key`, or an error on `parent` when there is none.
    mutating func required(_ key: String, of parent: ADLElement, among children: [ADLElement]) -> ADLElement? {
        if let child = children.first(where: { $0.key == key }) { return child }
        let name = key.split(separator: ":").last.map(String.init) ?? key
        error("'\(parent.name)' needs a '\(name)' element", at: parent)
        return nil
    }
}
