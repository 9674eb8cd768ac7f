/// ADL (EMI-ES ActivityDescription XML) to jobs: XML to an element tree, then the root checked,
/// then each `ActivityDescription` interpreted.
///
/// One document is one job. arkd also reads a bulk wrapper `ActivityDescriptions` (in ADL's or
/// ARC's namespace) holding several `ActivityDescription`s, one job each; ARC itself refuses it.
enum ADLReader {
    static func read(_ source: SourceText, limits: ParseLimits) -> ReadResult {
        let root: ADLElement
        do {
            root = try ADLDocumentBuilder.build(source, limits: limits)
        } catch {
            return ReadResult(diagnostics: [.error(error.message, at: source.position(of: error.offset))])
        }
        var result = ReadResult()
        for description in descriptions(in: root, limits: limits, diagnostics: &result.diagnostics) {
            let (job, map, diagnostics) = ADLInterpreter.interpret(description)
            result.diagnostics.append(contentsOf: diagnostics)
            result.jobs.append(ParsedJob(job: job, sourceMap: map))
        }
        return result
    }

    /// The `ActivityDescription` elements the document holds: the root itself, or the children
    /// of a bulk wrapper.
    private static func descriptions(in root: ADLElement, limits: ParseLimits,
                                     diagnostics: inout [Diagnostic]) -> [ADLElement] {
        switch (root.namespace, root.name) {
        case (ADLNamespace.adl, "ActivityDescription"):
            return [root]
        case (ADLNamespace.adl, "ActivityDescriptions"), (ADLNamespace.nordugrid, "ActivityDescriptions"):
            return bulk(root, limits: limits, diagnostics: &diagnostics)
        case ("", "ActivityDescription"), ("", "ActivityDescriptions"):
            diagnostics.append(.error(
                "the root element '\(root.name)' has no namespace: ADL needs xmlns=\"\(ADLNamespace.adl)\"",
                at: root.position))
        default:
            let found = root.namespace.isEmpty ? "'\(root.name)'" : "'\(root.name)' in namespace \(root.namespace)"
            diagnostics.append(.error(
                "the root element must be ActivityDescription in namespace \(ADLNamespace.adl), found \(found)",
                at: root.position))
        }
        return []
    }

    private static func bulk(_ wrapper: ADLElement, limits: ParseLimits, diagnostics: inout [Diagnostic]) -> [ADLElement] {
        var found: [ADLElement] = []
        for child in wrapper.children {
            if child.namespace == ADLNamespace.adl, child.name == "ActivityDescription" {
                guard found.count < limits.maxJobs else {
                    diagnostics.append(.error(
                        "the document holds more than \(limits.maxJobs) ActivityDescription elements", at: child.position))
                    return found
                }
                found.append(child)
            } else if child.namespace == ADLNamespace.adl || child.namespace == ADLNamespace.nordugrid || child.namespace.isEmpty {
                diagnostics.append(.warning(
                    "'\(child.name)' in '\(wrapper.name)' ignored: it holds ActivityDescription elements", at: child.position))
            }
        }
        if !wrapper.hasOnlyWhitespaceText {
            diagnostics.append(.warning("text directly inside '\(wrapper.name)' is ignored", at: wrapper.position))
        }
        return found
    }
}
