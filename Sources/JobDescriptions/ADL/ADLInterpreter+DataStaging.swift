/// `DataStaging`: input files with their sources, output files with their targets (shared spec §6).
extension ADLInterpreter {
    mutating func readDataStaging(_ element: ADLElement) {
        for child in children(of: element, once: ["adl:ClientDataPush", "nordugrid:DelegationID"]) {
            switch child.key {
            case "adl:ClientDataPush":
                if boolean(child) == true {
                    warning("'ClientDataPush' is not used: list the files the submitter uploads as 'InputFile' without 'Source'",
                            at: child)
                }
            case "adl:InputFile": readInputFile(child)
            case "adl:OutputFile": readOutputFile(child)
            case "nordugrid:DelegationID":
                guard let id = token(child), !id.isEmpty else { continue }
                job.delegationID = id
                map[.delegationID] = child.position
            default:
                unexpected(child, in: element)
            }
        }
    }

    // MARK: Inputs

    /// `{ Name, Source*, IsExecutable? }`. No `Source`: the submitter uploads the file. Several
    /// sources are alternatives for the same file.
    private mutating func readInputFile(_ element: ADLElement) {
        let parts = children(of: element, once: ["adl:Name", "adl:IsExecutable"])
        var sources: [(LocationText, ADLElement)] = []
        var executable = false
        var valid = true
        for child in parts {
            switch child.key {
            case "adl:Name": continue
            case "adl:Source":
                if let source = readSource(child) { sources.append((source, child)) } else { valid = false }
            case "adl:IsExecutable":
                // As ARC: anything but empty, "false" or "0" is true.
                guard let text = token(child) else { continue }
                executable = !(text.isEmpty || text == "false" || text == "0")
            default:
                unexpected(child, in: element)
            }
        }
        guard let named = fileName(of: element, among: parts), valid else { return }
        var file = InputFile(name: named.name, source: .submitter(path: ""), executable: executable)
        var remote: [DataLocation] = []
        for (source, sourceElement) in sources {
            switch source {
            case .local(let path):
                guard sources.count == 1 else {
                    error("a local 'Source' cannot be one of several: the submitter uploads the file, or the site fetches it",
                          at: sourceElement)
                    return
                }
                file.source = .submitter(path: path)
            case .remote(let location):
                remote.append(location)
            }
        }
        if !remote.isEmpty { file.source = .remote(remote) }
        map[.inputFile(job.inputFiles.count)] = named.element.position
        job.inputFiles.append(file)
    }

    /// `{ URI, DelegationID?, Option*{ Name, Value } }`. An option `location` adds a replica.
    private mutating func readSource(_ element: ADLElement) -> LocationText? {
        let parts = children(of: element, once: ["adl:URI", "adl:DelegationID"])
        guard let uriElement = required("adl:URI", of: element, among: parts),
              var source = location(uriElement)
        else { return nil }
        var valid = true
        for child in parts {
            switch child.key {
            case "adl:URI": continue
            case "adl:DelegationID":
                guard let id = token(child) else { valid = false; continue }
                if case .remote(var location) = source {
                    location.delegationID = id.isEmpty ? nil : id
                    source = .remote(location)
                }
            case "adl:Option":
                guard let (name, value) = option(child) else { valid = false; continue }
                guard case .remote(var location) = source else {
                    warning("options on a file the submitter uploads are ignored", at: child)
                    continue
                }
                if name == "location" {
                    guard let replica = replica(value, at: child) else { valid = false; continue }
                    location.replicas.append(replica)
                } else {
                    location.options[name] = value
                }
                source = .remote(location)
            default:
                unexpected(child, in: element)
            }
        }
        return valid ? source : nil
    }

    // MARK: Outputs

    /// `{ Name, Target* }`. No target, or a local one: the file stays in the session directory for
    /// the submitter to fetch.
    private mutating func readOutputFile(_ element: ADLElement) {
        let parts = children(of: element, once: ["adl:Name"])
        var targets: [OutputFile.Target] = []
        var valid = true
        for child in parts {
            switch child.key {
            case "adl:Name": continue
            case "adl:Target":
                switch readTarget(child) {
                case .remote(let target)?: targets.append(target)
                case .keep?: break
                case nil: valid = false
                }
            default:
                unexpected(child, in: element)
            }
        }
        guard let named = fileName(of: element, among: parts), valid else { return }
        map[.outputFile(job.outputFiles.count)] = named.element.position
        job.outputFiles.append(OutputFile(name: named.name, targets: targets))
    }

    private enum TargetReading {
        case remote(OutputFile.Target)
        case keep
    }

    /// `{ URI, DelegationID?, Option*, Mandatory?, CreationFlag?, UseIfFailure?, UseIfCancel?,
    /// UseIfSuccess? }`. As ARC, every target gets the option `mandatory=true|false`.
    private mutating func readTarget(_ element: ADLElement) -> TargetReading? {
        let parts = children(of: element, once: [
            "adl:URI", "adl:DelegationID", "adl:Mandatory", "adl:CreationFlag", "adl:UseIfFailure", "adl:UseIfCancel",
            "adl:UseIfSuccess",
        ])
        guard let uriElement = required("adl:URI", of: element, among: parts),
              let destination = location(uriElement)
        else { return nil }
        guard case .remote(var location) = destination else {
            warning("target '\(Self.trimmed(uriElement.text))' is not a remote URL; the file stays in the session directory",
                    at: uriElement)
            return .keep
        }
        var target = OutputFile.Target(location: location)
        var mandatory = false
        var creationFlag: ADLElement?
        var valid = true
        for child in parts {
            switch child.key {
            case "adl:URI": continue
            case "adl:DelegationID":
                guard let id = token(child) else { valid = false; continue }
                location.delegationID = id.isEmpty ? nil : id
            case "adl:Option":
                guard let (name, value) = option(child) else { valid = false; continue }
                if name == "location" {
                    guard let replica = replica(value, at: child) else { valid = false; continue }
                    location.replicas.append(replica)
                } else {
                    location.options[name] = value
                }
            case "adl:Mandatory":
                if let value = boolean(child) { mandatory = value } else { valid = false }
            case "adl:CreationFlag":
                creationFlag = child
            case "adl:UseIfFailure":
                if let value = boolean(child) { target.useIfFailure = value } else { valid = false }
            case "adl:UseIfCancel":
                if let value = boolean(child) { target.useIfCancel = value } else { valid = false }
            case "adl:UseIfSuccess":
                if let value = boolean(child) { target.useIfSuccess = value } else { valid = false }
            default:
                unexpected(child, in: element)
            }
        }
        if let creationFlag, !apply(creationFlag: creationFlag, to: &location) { valid = false }
        location.options["mandatory"] = mandatory ? "true" : "false"
        target.location = location
        return valid ? .remote(target) : nil
    }

    /// ARC keeps `CreationFlag` beside the URL, where its data staging never reads it; arkd turns
    /// it into the transfer option that has that effect: `overwrite` is `overwrite=yes`,
    /// `dontOverwrite` is `overwrite=no`. `append` has no transfer option and is reported.
    private mutating func apply(creationFlag element: ADLElement, to location: inout DataLocation) -> Bool {
        guard let flag = token(element) else { return false }
        let overwrite: String
        switch flag {
        case "overwrite": overwrite = "yes"
        case "dontOverwrite": overwrite = "no"
        case "append":
            warning("'CreationFlag' append is not supported by the data staging; the target is written as a new file",
                    at: element)
            return true
        default:
            error("'CreationFlag' must be overwrite, append or dontOverwrite, found '\(flag)'", at: element)
            return false
        }
        if let written = location.options["overwrite"], written != overwrite {
            warning("'CreationFlag' \(flag) replaces the option overwrite=\(written)", at: element)
        }
        location.options["overwrite"] = overwrite
        return true
    }

    // MARK: Shared parts

    /// The `Name` of an `InputFile` or `OutputFile`; ARC refuses a missing or empty one.
    private mutating func fileName(of element: ADLElement, among parts: [ADLElement]) -> (name: String, element: ADLElement)? {
        guard let nameElement = required("adl:Name", of: element, among: parts), let name = text(nameElement) else {
            return nil
        }
        guard !name.isEmpty else {
            error("'\(element.name)' has an empty 'Name'", at: nameElement)
            return nil
        }
        return (name, nameElement)
    }

    /// A `URI`: a local path or `file:` URL, or a remote URL in ARC's flavour.
    private mutating func location(_ element: ADLElement) -> LocationText? {
        guard let text = token(element) else { return nil }
        guard !text.isEmpty else {
            error("'URI' is empty", at: element)
            return nil
        }
        do {
            return try LocationText.classify(text)
        } catch {
            self.error("'URI': \(error.description)", at: element)
            return nil
        }
    }

    /// `Option { Name, Value }` of a source or target.
    private mutating func option(_ element: ADLElement) -> (String, String)? {
        let parts = children(of: element, once: ["adl:Name", "adl:Value"])
        var value = ""
        for child in parts {
            switch child.key {
            case "adl:Name": continue
            case "adl:Value":
                guard let text = text(child) else { return nil }
                value = text
            default: unexpected(child, in: element)
            }
        }
        guard let nameElement = required("adl:Name", of: element, among: parts), let name = token(nameElement) else {
            return nil
        }
        guard !name.isEmpty else {
            error("'Option' has an empty 'Name'", at: nameElement)
            return nil
        }
        return (name, value)
    }

    /// The value of an option `location`: a remote URL (ARC refuses `file:` ones).
    private mutating func replica(_ text: String, at element: ADLElement) -> DataLocation? {
        let trimmed = Self.trimmed(text)
        do {
            let replica = try DataLocation(parsing: trimmed)
            guard replica.scheme != "file" else {
                error("option 'location' must be a remote URL, found '\(trimmed)'", at: element)
                return nil
            }
            return replica
        } catch {
            self.error("option 'location': \(error.description)", at: element)
            return nil
        }
    }
}
