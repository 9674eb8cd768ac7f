import Foundation

/// `Application`: what runs, its streams and environment, and ARC's extensions (shared spec §6).
extension ADLInterpreter {
    private static let applicationSingles: [String] = [
        "adl:Executable", "adl:Input", "adl:Output", "adl:Error", "adl:ExpirationTime", "adl:WipeTime",
        "adl:LoggingDirectory", "nordugrid:LoggingDirectory", "nordugrid:Rerun", "nordugrid:Priority",
        "nordugrid:StartTime", "nordugrid:DryRun", "nordugrid:AccessControl",
    ]

    mutating func readApplication(_ element: ADLElement) {
        for child in children(of: element, once: Self.applicationSingles) {
            if child.name == "LoggingDirectory" {
                // ARC reads LoggingDirectory in any namespace.
                readStream(child, into: \.gmlog, field: .gmlog)
                continue
            }
            switch child.key {
            case "adl:Executable": readExecutable(child)
            case "adl:Input": readStream(child, into: \.stdin, field: .stdin)
            case "adl:Output": readStream(child, into: \.stdout, field: .stdout)
            case "adl:Error": readStream(child, into: \.stderr, field: .stderr)
            case "adl:Environment": readEnvironment(child)
            case "adl:PreExecutable":
                guard let (preExecutable, _) = command(child) else { continue }
                map[.preExecutable(job.preExecutables.count)] = child.position
                job.preExecutables.append(preExecutable)
            case "adl:PostExecutable":
                guard let (postExecutable, _) = command(child) else { continue }
                map[.postExecutable(job.postExecutables.count)] = child.position
                job.postExecutables.append(postExecutable)
            case "adl:RemoteLogging": readRemoteLogging(child)
            case "adl:ExpirationTime": readExpirationTime(child)
            case "adl:WipeTime": readWipeTime(child)
            case "adl:Notification": readNotification(child)
            case "nordugrid:Rerun":
                guard let rerun = integer(child, of: "restarts") else { continue }
                job.rerun = rerun
                map[.rerun] = child.position
            case "nordugrid:Priority": readPriority(child)
            case "nordugrid:StartTime": readStartTime(child)
            case "nordugrid:DryRun":
                guard let dryRun = boolean(child) else { continue }
                job.dryRun = dryRun
                map[.dryRun] = child.position
            case "nordugrid:AccessControl":
                job.accessControl = Self.trimmed(child.textContent)
                map[.accessControl] = child.position
            case "nordugrid:CredentialService": readCredentialService(child)
            default: unexpected(child, in: element)
            }
        }
    }

    /// `Input`, `Output`, `Error`, `LoggingDirectory`: a name in the session directory; empty
    /// means none, as in ARC.
    private mutating func readStream(_ element: ADLElement, into path: WritableKeyPath<JobDescription, String?>,
                                     field: JobField) {
        guard let name = text(element) else { return }
        job[keyPath: path] = name.isEmpty ? nil : name
        map[field] = element.position
    }

    private mutating func readExecutable(_ element: ADLElement) {
        guard let (executable, path) = command(element) else { return }
        job.executable = executable.path
        job.arguments = executable.arguments
        job.expectedExitCode = executable.expectedExitCode
        map[.executable] = path.position
        if !executable.arguments.isEmpty, let argument = element.children.first(where: { $0.key == "adl:Argument" }) {
            map[.arguments] = argument.position
        }
    }

    /// `{ Path, Argument*, FailIfExitCodeNotEqualTo? }`, with the `Path` element for positions.
    private mutating func command(_ element: ADLElement) -> (Command, ADLElement)? {
        let parts = children(of: element, once: ["adl:Path", "adl:FailIfExitCodeNotEqualTo"])
        var arguments: [String] = []
        var expectedExitCode: Int?
        var valid = true
        for child in parts {
            switch child.key {
            case "adl:Path": continue
            case "adl:Argument":
                if let argument = text(child) { arguments.append(argument) } else { valid = false }
            case "adl:FailIfExitCodeNotEqualTo":
                if let code = integer(child, of: "exit code") { expectedExitCode = code } else { valid = false }
            default: unexpected(child, in: element)
            }
        }
        guard let pathElement = required("adl:Path", of: element, among: parts), let path = text(pathElement) else {
            return nil
        }
        guard !path.isEmpty else {
            error("'Path' of '\(element.name)' is empty", at: pathElement)
            return nil
        }
        guard valid else { return nil }
        return (Command(path: path, arguments: arguments, expectedExitCode: expectedExitCode), pathElement)
    }

    private mutating func readEnvironment(_ element: ADLElement) {
        let parts = children(of: element, once: ["adl:Name", "adl:Value"])
        var value = ""
        for child in parts {
            switch child.key {
            case "adl:Name": continue
            case "adl:Value": value = text(child) ?? ""
            default: unexpected(child, in: element)
            }
        }
        guard let nameElement = required("adl:Name", of: element, among: parts), let name = text(nameElement) else { return }
        guard !name.isEmpty else {
            error("'Environment' has an empty 'Name'", at: nameElement)
            return
        }
        map[.environment(job.environment.count)] = element.position
        job.environment.append(EnvironmentVariable(name: name, value: value))
    }

    private mutating func readRemoteLogging(_ element: ADLElement) {
        let parts = children(of: element, once: ["adl:ServiceType", "adl:URL"])
        _ = optionalAttribute(of: element)
        for child in parts where child.key != "adl:ServiceType" && child.key != "adl:URL" {
            unexpected(child, in: element)
        }
        // ARC refuses a RemoteLogging without a usable URL.
        guard let urlElement = required("adl:URL", of: element, among: parts), url(urlElement) != nil else {
            return
        }
        if job.remoteLogging.isEmpty { map[.remoteLogging] = element.position }
        job.remoteLogging.append(Self.trimmed(urlElement.text))
    }

    /// Read and checked as ARC does, but not used: arkd does not give up on queued jobs.
    private mutating func readExpirationTime(_ element: ADLElement) {
        let optional = optionalAttribute(of: element)
        guard let text = token(element) else { return }
        do {
            _ = try GridDate.parse(text)
            warning("'ExpirationTime' is not used by arkd; ignored", at: element)
        } catch {
            if optional {
                warning("'ExpirationTime': \(error.description); ignored because it is optional", at: element)
            } else {
                self.error("'ExpirationTime': \(error.description)", at: element)
            }
        }
    }

    /// Session lifetime. The ADL schema types it as a duration and ARC reads it as a period, so
    /// ISO 8601 (`P7D`) is accepted besides whole seconds.
    private mutating func readWipeTime(_ element: ADLElement) {
        _ = optionalAttribute(of: element)
        guard let text = token(element) else { return }
        if text.hasPrefix("P") || text.hasPrefix("p") {
            do {
                let seconds = try TimePeriod.seconds(in: text, baseUnit: .seconds)
                guard let value = Int(exactly: seconds) else { return }
                job.lifeTime = value
            } catch {
                self.error("'WipeTime': \(error.description)", at: element)
                return
            }
        } else {
            guard let value = seconds(element) else { return }
            job.lifeTime = value
        }
        map[.lifeTime] = element.position
    }

    /// EMI-ES activity states and the ARC job states they stand for (ARC's ADLParser mapping;
    /// the `PROCESSING-…` sub-states, which ARC refuses, count as PROCESSING).
    private static let notificationStates: [String: Notification.State] = [
        "PREPROCESSING": .preparing, "PROCESSING": .inLRMS, "PROCESSING-ACCEPTING": .inLRMS,
        "PROCESSING-QUEUED": .inLRMS, "PROCESSING-RUNNING": .inLRMS, "POSTPROCESSING": .finishing,
        "TERMINAL": .finished,
    ]

    private mutating func readNotification(_ element: ADLElement) {
        let optional = optionalAttribute(of: element)
        let parts = children(of: element, once: ["adl:Protocol"])
        var recipients: [String] = []
        var states: [Notification.State] = []
        for child in parts {
            switch child.key {
            case "adl:Protocol":
                guard let protocolName = token(child), protocolName != "email" else { continue }
                if optional {
                    warning("'Notification' protocol '\(protocolName)' is not supported; only email. Ignored because it is optional",
                            at: child)
                } else {
                    error("'Notification' protocol '\(protocolName)' is not supported: only email", at: child)
                }
                return
            case "adl:Recipient":
                guard let recipient = token(child) else { continue }
                if recipient.isEmpty {
                    warning("empty 'Recipient' ignored", at: child)
                } else {
                    recipients.append(recipient)
                }
            case "adl:OnState":
                guard let name = token(child) else { continue }
                if let state = Self.notificationStates[name] {
                    if !states.contains(state) { states.append(state) }
                } else {
                    warning("'OnState' '\(name)' is not a state arkd can notify about (PREPROCESSING, PROCESSING, POSTPROCESSING, TERMINAL); ignored",
                            at: child)
                }
            default:
                unexpected(child, in: element)
            }
        }
        guard required("adl:Protocol", of: element, among: parts) != nil else { return }
        guard !recipients.isEmpty else {
            warning("'Notification' names no 'Recipient'; ignored", at: element)
            return
        }
        if job.notifications.isEmpty { map[.notify] = element.position }
        job.notifications.append(Notification(recipients: recipients, states: states))
    }

    private mutating func readPriority(_ element: ADLElement) {
        guard let value = integer(element, of: "priority points") else { return }
        if value > 100 {
            warning("'Priority' above 100 is read as 100", at: element)
        }
        job.priority = min(value, 100)
        map[.priority] = element.position
    }

    private mutating func readStartTime(_ element: ADLElement) {
        guard let text = token(element) else { return }
        do {
            let (date, zoneGiven) = try GridDate.parse(text)
            job.startTime = date
            map[.startTime] = element.position
            if !zoneGiven {
                warning("'StartTime' names no time zone; read as UTC", at: element)
            }
        } catch {
            self.error("'StartTime': \(error.description)", at: element)
        }
    }

    /// ARC keeps a list; the model keeps one service, so later ones are reported and dropped.
    private mutating func readCredentialService(_ element: ADLElement) {
        guard url(element) != nil else { return }
        guard job.credentialService == nil else {
            warning("only the first 'CredentialService' is kept; this one is ignored", at: element)
            return
        }
        job.credentialService = Self.trimmed(element.text)
        map[.credentialService] = element.position
    }
}
