/// `Resources`: what the job needs from the site (shared spec §6). Memory and disk are bytes in
/// ADL and MiB in the model; times are whole seconds in both.
extension ADLInterpreter {
    private static let resourceSingles: [String] = [
        "adl:OperatingSystem", "adl:Platform", "adl:ParallelEnvironment", "adl:Coprocessor", "adl:NetworkInfo",
        "adl:NodeAccess", "adl:IndividualPhysicalMemory", "adl:IndividualVirtualMemory", "adl:DiskSpaceRequirement",
        "adl:RemoteSessionAccess", "adl:Benchmark", "adl:SlotRequirement", "adl:QueueName", "adl:IndividualCPUTime",
        "adl:TotalCPUTime", "adl:WallTime",
    ]

    mutating func readResources(_ element: ADLElement) {
        for child in children(of: element, once: Self.resourceSingles) {
            switch child.key {
            case "adl:OperatingSystem": readOperatingSystem(child)
            case "adl:Platform":
                guard let platform = token(child), !platform.isEmpty else { continue }
                job.architecture = platform
                map[.architecture] = child.position
            case "adl:RuntimeEnvironment": readRuntimeEnvironment(child)
            case "adl:ParallelEnvironment":
                warning("'ParallelEnvironment' is not used by arkd; ignored", at: child)
            case "adl:Coprocessor":
                _ = optionalAttribute(of: child)
                warning("'Coprocessor' is not used by arkd; ignored", at: child)
            case "adl:NetworkInfo":
                // ARC refuses it ("NetworkInfo is not supported yet").
                error("'NetworkInfo' is not supported", at: child)
            case "adl:NodeAccess": readNodeAccess(child)
            case "adl:IndividualPhysicalMemory":
                guard let memory = mebibytes(child) else { continue }
                job.memoryMB = memory
                map[.memory] = child.position
            case "adl:IndividualVirtualMemory":
                guard let memory = mebibytes(child) else { continue }
                job.virtualMemoryMB = memory
                map[.virtualMemory] = child.position
            case "adl:DiskSpaceRequirement":
                guard let disk = mebibytes(child) else { continue }
                job.diskMB = disk
                map[.disk] = child.position
            case "adl:RemoteSessionAccess":
                _ = boolean(child)
            case "adl:Benchmark":
                // ARC refuses it ("Benchmark is not supported yet").
                error("'Benchmark' is not supported: give the time in 'TotalCPUTime'", at: child)
            case "adl:SlotRequirement": readSlotRequirement(child)
            case "adl:QueueName":
                guard let queue = text(child), !queue.isEmpty else { continue }
                job.queue = queue
                map[.queue] = child.position
            case "adl:IndividualCPUTime":
                guard seconds(child) != nil else { continue }
                warning("'IndividualCPUTime' is not used: arkd limits the CPU time of all slots together ('TotalCPUTime'); ignored",
                        at: child)
            case "adl:TotalCPUTime":
                guard let time = seconds(child) else { continue }
                job.cpuTime = time
                map[.cpuTime] = child.position
            case "adl:WallTime":
                guard let time = seconds(child) else { continue }
                job.wallTime = time
                map[.wallTime] = child.position
            default:
                unexpected(child, in: element)
            }
        }
    }

    /// `{ Name, Family?, Version? }`; the family adds nothing a name does not say.
    private mutating func readOperatingSystem(_ element: ADLElement) {
        let parts = children(of: element, once: ["adl:Name", "adl:Family", "adl:Version"])
        var version: String?
        for child in parts {
            switch child.key {
            case "adl:Name": continue
            case "adl:Family": _ = token(child)
            case "adl:Version":
                if let text = token(child), !text.isEmpty { version = text }
            default: unexpected(child, in: element)
            }
        }
        guard let nameElement = required("adl:Name", of: element, among: parts), let name = token(nameElement) else { return }
        guard !name.isEmpty else {
            error("'OperatingSystem' has an empty 'Name'", at: nameElement)
            return
        }
        job.operatingSystem = VersionRequirement(name: name, version: version, relation: .equal)
        map[.operatingSystem] = element.position
    }

    /// `{ Name, Version?, Option* }`. The version comes from `Version` only: ADL names are not
    /// split at a `-` the way xRSL's combined spelling is.
    private mutating func readRuntimeEnvironment(_ element: ADLElement) {
        _ = optionalAttribute(of: element)
        let parts = children(of: element, once: ["adl:Name", "adl:Version"])
        var version: String?
        var options: [String] = []
        for child in parts {
            switch child.key {
            case "adl:Name": continue
            case "adl:Version":
                if let text = token(child), !text.isEmpty { version = text }
            case "adl:Option":
                if let option = text(child) { options.append(option) }
            default: unexpected(child, in: element)
            }
        }
        guard let nameElement = required("adl:Name", of: element, among: parts), let name = token(nameElement) else { return }
        guard !name.isEmpty else {
            error("'RuntimeEnvironment' has an empty 'Name'", at: nameElement)
            return
        }
        map[.runtimeEnvironment(job.runTimeEnvironments.count)] = element.position
        job.runTimeEnvironments.append(RuntimeEnvironment(name: name, version: version, options: options, relation: .equal))
    }

    private mutating func readNodeAccess(_ element: ADLElement) {
        guard let text = token(element) else { return }
        guard let access = NodeAccess(rawValue: text) else {
            error("'NodeAccess' must be inbound, outbound or inoutbound, found '\(text)'", at: element)
            return
        }
        job.nodeAccess = access
        map[.nodeAccess] = element.position
    }

    /// `{ NumberOfSlots, SlotsPerHost? @useNumberOfSlots, ExclusiveExecution? }`. ARC 6.17 reads
    /// `ExclusiveExecution` only next to `SlotsPerHost`; arkd reads it wherever it is written.
    private mutating func readSlotRequirement(_ element: ADLElement) {
        let parts = children(of: element, once: ["adl:NumberOfSlots", "adl:SlotsPerHost", "adl:ExclusiveExecution"])
        for child in parts {
            switch child.key {
            case "adl:NumberOfSlots", "adl:SlotsPerHost": continue
            case "adl:ExclusiveExecution":
                guard let exclusive = boolean(child) else { continue }
                job.exclusiveExecution = exclusive
                map[.exclusiveExecution] = child.position
            default: unexpected(child, in: element)
            }
        }
        guard let slotsElement = required("adl:NumberOfSlots", of: element, among: parts),
              let slots = integer(slotsElement, of: "slots")
        else { return }
        job.count = slots
        map[.count] = slotsElement.position
        guard let perHost = parts.first(where: { $0.key == "adl:SlotsPerHost" }) else { return }
        var useNumberOfSlots = false
        if let attribute = perHost.attributes["useNumberOfSlots"] {
            guard let value = Self.booleanValue(Self.trimmed(attribute)) else {
                error("attribute 'useNumberOfSlots' of 'SlotsPerHost' must be true, false, 1 or 0, found '\(attribute)'",
                      at: perHost)
                return
            }
            useNumberOfSlots = value
        }
        if useNumberOfSlots {
            job.countPerNode = slots
        } else {
            guard let perNode = integer(perHost, of: "slots") else { return }
            job.countPerNode = perNode
        }
        map[.countPerNode] = perHost.position
    }
}
