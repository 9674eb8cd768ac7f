/// Gives A-REX's `joboption_*` variables their meaning (shared ARC LRMS contract §4) and builds the
/// job A-REX already accepted, with the session directory it staged the inputs into.
struct GRAMIInterpreter {
    let source: SourceText
    var job = JobDescription()
    var map = SourceMap()
    var log = DiagnosticLog()
    private var values: [String: GRAMIAssignment] = [:]

    init(source: SourceText, assignments: [GRAMIAssignment]) {
        self.source = source
        for assignment in assignments {
            // A-REX reads the first joboption_jobid; for everything else the shell's last one wins.
            if assignment.name == "jobid", values["jobid"] != nil { continue }
            values[assignment.name] = assignment
        }
    }

    static func interpret(_ assignments: [GRAMIAssignment], source: SourceText) -> (JobDescription, SourceMap, [Diagnostic]) {
        var interpreter = GRAMIInterpreter(source: source, assignments: assignments)
        interpreter.read()
        return (interpreter.job, interpreter.map, interpreter.log.entries)
    }

    private mutating func read() {
        let context = GridJobContext(
            gridID: text("gridid"), sessionDirectory: text("directory"), controlDirectory: text("controldir"),
            localID: text("jobid"))
        job.gridJob = context
        if let directory = values["directory"] { map[.sessionDirectory] = position(directory) }
        readCommand()
        readStreams(sessionDirectory: context.sessionDirectory)
        job.environment = indexed("env").compactMap { assignment in
            guard let equals = assignment.value.firstIndex(of: "=") else {
                log.error("joboption_\(assignment.name) must be NAME=value", at: source.position(of: assignment.offset))
                return nil
            }
            return EnvironmentVariable(name: String(assignment.value[..<equals]),
                                       value: String(assignment.value[assignment.value.index(after: equals)...]))
        }
        job.cpuTime = integer("cputime", .cpuTime)
        job.wallTime = integer("walltime", .wallTime)
        job.memoryMB = integer("memory", .memory)
        job.virtualMemoryMB = integer("virtualmemory", .virtualMemory)
        job.diskMB = integer("disk", .disk)
        job.count = integer("count", .count)
        if let perNode = integer("countpernode", .countPerNode), perNode != -1 { job.countPerNode = perNode }
        if text("exclusivenode") == "true" { job.exclusiveExecution = true }
        job.priority = integer("priority", .priority)
        job.jobName = text("jobname")
        job.queue = text("queue")
        job.architecture = text("rsl_architecture")
        readStartTime()
        readRuntimeEnvironments()
        job.inputFiles = indexed("inputfile").map { InputFile(name: Self.sessionRelative($0.value), source: .submitter(path: "")) }
        job.outputFiles = indexed("outputfile").map { OutputFile(name: Self.sessionRelative($0.value)) }
        for (index, assignment) in indexed("inputfile").enumerated() { map[.inputFile(index)] = position(assignment) }
        for (index, assignment) in indexed("outputfile").enumerated() { map[.outputFile(index)] = position(assignment) }
    }

    private mutating func readCommand() {
        guard let executable = values["arg_0"], !executable.value.isEmpty else {
            log.error("joboption_arg_0 (the executable) is missing", at: .start)
            return
        }
        // A-REX prepends ./ to relative executables; the model keeps them session-relative.
        job.executable = executable.value.hasPrefix("./") ? String(executable.value.dropFirst(2)) : executable.value
        map[.executable] = position(executable)
        job.arguments = consecutive("arg_", from: 1).map(\.value)
        map[.arguments] = values["arg_1"].map(position)
        job.expectedExitCode = integer("arg_code", .executable)
        job.preExecutables = commands("pre")
        job.postExecutables = commands("post")
    }

    private mutating func commands(_ kind: String) -> [Command] {
        var result: [Command] = []
        var number = 0
        while let path = values["\(kind)_\(number)_0"] {
            let arguments = consecutive("\(kind)_\(number)_", from: 1).map(\.value)
            result.append(Command(path: path.value, arguments: arguments, expectedExitCode: integer("\(kind)_\(number)_code", .executable)))
            number += 1
        }
        return result
    }

    /// A-REX writes stdout and stderr as absolute paths in the session directory, stdin relative to it,
    /// and `/dev/null` for none.
    private mutating func readStreams(sessionDirectory: String?) {
        func stream(_ name: String, _ field: JobField) -> String? {
            guard let assignment = values[name], !assignment.value.isEmpty, assignment.value != "/dev/null" else { return nil }
            map[field] = position(assignment)
            var path = assignment.value
            if let directory = sessionDirectory, path.hasPrefix(directory + "/") {
                path = String(path.dropFirst(directory.count + 1))
            }
            return path
        }
        job.stdin = stream("stdin", .stdin)
        job.stdout = stream("stdout", .stdout)
        job.stderr = stream("stderr", .stderr)
        job.join = job.stdout != nil && job.stdout == job.stderr
    }

    private mutating func readStartTime() {
        guard let assignment = values["starttime"], !assignment.value.isEmpty else { return }
        do {
            job.startTime = try GridDate.parse(assignment.value).date
            map[.startTime] = position(assignment)
        } catch {
            log.error("joboption_starttime: \(error.description)", at: position(assignment))
        }
    }

    private mutating func readRuntimeEnvironments() {
        var number = 0
        while let name = values["runtime_\(number)"] {
            let options = consecutive("runtime_\(number)_", from: 1).map(\.value)
            map[.runtimeEnvironment(job.runTimeEnvironments.count)] = position(name)
            job.runTimeEnvironments.append(RuntimeEnvironment(combined: name.value, options: options))
            number += 1
        }
    }

    // MARK: Helpers

    private func position(_ assignment: GRAMIAssignment) -> SourcePosition { source.position(of: assignment.offset) }

    private func text(_ name: String) -> String? {
        guard let value = values[name]?.value, !value.isEmpty else { return nil }
        return value
    }

    private mutating func integer(_ name: String, _ field: JobField) -> Int? {
        guard let assignment = values[name], !assignment.value.isEmpty else { return nil }
        guard let value = StrictInteger.parse(assignment.value) else {
            log.error("joboption_\(name) must be a whole number, found '\(assignment.value)'", at: position(assignment))
            return nil
        }
        if map[field] == nil { map[field] = position(assignment) }
        return value
    }

    /// `prefix0`, `prefix1`, … up to the first gap.
    private func consecutive(_ prefix: String, from first: Int) -> [GRAMIAssignment] {
        var result: [GRAMIAssignment] = []
        var number = first
        while let assignment = values["\(prefix)\(number)"] {
            result.append(assignment)
            number += 1
        }
        return result
    }

    private func indexed(_ name: String) -> [GRAMIAssignment] { consecutive("\(name)_", from: 0) }

    /// GRAMI lists files with a leading `/` meaning the session directory's root.
    private static func sessionRelative(_ name: String) -> String {
        name.hasPrefix("/") ? String(name.dropFirst()) : name
    }
}
