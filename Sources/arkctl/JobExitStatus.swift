import ArkdEngine

/// The shell's view of a job's end: its exit code (a signal N as 128+N, as shells report it), 125
/// when it failed, 130 when it was killed.
enum JobExitStatus {
    static func of(_ record: JobRecord) -> Int32 {
        switch record.state {
        case .finished:
            let code = record.exitCode ?? 0
            return Int32(code >= 256 ? 128 + (code - 256) : code)
        case .killed: return 130
        default: return 125
        }
    }
}
