import Foundation

extension LocalExecutor {
    /// This machine: its cores and memory, arkd's payloads on it, and the 1-minute load average as
    /// the cores in use, since other work on the host competes with the jobs too.
    public func nodes() async throws(ExecutorError) -> [NodeCapacity] {
        let info = ProcessInfo.processInfo
        let cpus = Double(info.activeProcessorCount)
        let loadText = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        let load = loadText.split(separator: " ").first.flatMap { Double($0) } ?? 0
        return [NodeCapacity(name: nodeName, cpus: cpus, memoryMiB: Int(info.physicalMemory / (1024 * 1024)),
                             pods: runningPayloads, usedCPUs: min(cpus, load), schedulable: true)]
    }
}
