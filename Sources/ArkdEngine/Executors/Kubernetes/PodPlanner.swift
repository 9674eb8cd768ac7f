import Foundation
import JobDescriptions

/// Turns a job and its queue's policy into a `PodPlan`, refusing what the site does not allow
/// (an image from an unlisted registry, more cores, memory or time than the queue gives) at
/// submission, where the user sees why, instead of leaving a pod pending for ever.
public struct PodPlanner: Sendable {
    public var settings: KubernetesSettings
    /// The directory the session volume's root is mounted at on the arkd host.
    public var sessionRoot: String

    /// The runtime environment through which a job names its own image.
    public static let containerRuntimeEnvironment = "ENV/ARKD-CONTAINER"

    public init(settings: KubernetesSettings, sessionRoot: String) {
        self.settings = settings
        self.sessionRoot = sessionRoot
    }

    /// - Parameter owner: the uid and gid owning the job's session directory when they decide
    ///   who the pod runs as (jobs from A-REX run as the grid user's mapped account); `nil` takes
    ///   the queue's.
    public func plan(_ request: ExecutionRequest, queue: String, policy: QueuePolicy,
                     owner: (uid: Int, gid: Int)? = nil) throws(ExecutorError) -> PodPlan {
        let job = request.description
        let (image, gpus) = try imageAndGPUs(for: job, queue: queue, policy: policy)
        let demand = try policy.demand(of: job, queue: queue)
        let uid = owner?.uid ?? policy.runAsUser
        guard uid > 0 else {
            throw ExecutorError("the session directory belongs to root; pods run as non-root users only")
        }
        return PodPlan(
            name: PodPlan.podName(for: request.jobID), namespace: policy.namespace, jobID: request.jobID, queue: queue,
            image: image, command: try Self.command(for: job, shell: policy.shellRedirection),
            workingDirectory: PodPlan.sessionMountPath,
            environment: job.environment + [EnvironmentVariable(name: "ARKD_JOB_ID", value: request.jobID.rawValue)],
            cpus: demand.cpus, memoryMiB: demand.memoryMiB, gpus: gpus, gpuResource: policy.gpuResource,
            activeDeadlineSeconds: demand.wallTimeSeconds, terminationGracePeriodSeconds: Int(settings.cancelGracePeriod.components.seconds),
            runAsUser: uid, runAsGroup: owner?.gid ?? policy.runAsGroup,
            sessionSubPath: try subPath(of: request.sessionDirectory), sessionVolume: settings.sessionVolume,
            nodeSelector: policy.nodeSelector, tolerations: policy.tolerations, kueueQueue: policy.kueueQueue)
    }

    /// The job's own container RTE first, then the site's mapping of its RTEs, then the queue's
    /// default; GPUs from a `gpus=N` option of the container RTE.
    private func imageAndGPUs(for job: JobDescription, queue: String, policy: QueuePolicy)
        throws(ExecutorError) -> (String, Int)
    {
        var image: String?
        var gpus = 0
        for environment in job.runTimeEnvironments where environment.name.uppercased() == Self.containerRuntimeEnvironment {
            for option in environment.options {
                if option.hasPrefix("gpus=") {
                    guard let count = Int(option.dropFirst(5)), count >= 0 else {
                        throw ExecutorError("'\(option)' in \(Self.containerRuntimeEnvironment): expected gpus=<whole number>")
                    }
                    gpus = count
                } else if image == nil {
                    image = option.hasPrefix("image=") ? String(option.dropFirst(6)) : option
                }
            }
        }
        if image == nil {
            image = job.runTimeEnvironments.lazy.compactMap { settings.runtimeEnvironmentImages[$0.name] }.first
        }
        guard let chosen = image ?? policy.image, !chosen.isEmpty else {
            throw ExecutorError("no container image: queue '\(queue)' has none and no runtime environment names one "
                                + "(\(Self.containerRuntimeEnvironment) <image>)")
        }
        guard settings.allows(image: chosen) else {
            throw ExecutorError("image '\(chosen)' is not from a registry this site allows ("
                                + settings.allowedRegistries.joined(separator: ", ") + ")")
        }
        return (chosen, gpus)
    }

    /// The executable with its arguments; through `/bin/sh` only when the description redirects
    /// stdin, stdout or stderr, which a container cannot do by itself, and the queue's images have
    /// a shell (otherwise the pod log becomes the output file: `logFile(for:policy:)`).
    static func command(for job: JobDescription, shell: Bool = true) throws(ExecutorError) -> [String] {
        guard let executable = job.executable, !executable.isEmpty else {
            throw ExecutorError("the job names no executable")
        }
        let program = executable.hasPrefix("/") ? executable : PodPlan.sessionMountPath + "/" + executable
        guard job.stdin != nil || job.stdout != nil || job.stderr != nil else {
            return [program] + job.arguments
        }
        guard shell else {
            guard job.stdin == nil else {
                throw ExecutorError("this queue's images have no shell, so stdin cannot be given to the job")
            }
            return [program] + job.arguments
        }
        var script = "exec \"$0\" \"$@\""
        if let stdin = job.stdin { script += " <" + quoted(stdin) }
        if let stdout = job.stdout { script += " >" + quoted(stdout) }
        if job.join || (job.stderr != nil && job.stderr == job.stdout) {
            script += " 2>&1"
        } else if let stderr = job.stderr {
            script += " 2>" + quoted(stderr)
        }
        return ["/bin/sh", "-c", script, program] + job.arguments
    }

    /// The session file that receives the pod's log after it ends, when the queue runs without a
    /// shell and the job names stdout or stderr.
    static func logFile(for job: JobDescription, policy: QueuePolicy) -> String? {
        policy.shellRedirection ? nil : job.stdout ?? job.stderr
    }

    private static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private func subPath(of sessionDirectory: String) throws(ExecutorError) -> String {
        let root = sessionRoot.hasSuffix("/") ? String(sessionRoot.dropLast()) : sessionRoot
        guard sessionDirectory.hasPrefix(root + "/"), sessionDirectory.count > root.count + 1 else {
            throw ExecutorError("the session directory '\(sessionDirectory)' is not under the session root '\(root)' "
                                + "that pods mount")
        }
        let relative = String(sessionDirectory.dropFirst(root.count + 1))
        guard !relative.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            throw ExecutorError("the session directory '\(sessionDirectory)' leaves the session root")
        }
        return relative.hasSuffix("/") ? String(relative.dropLast()) : relative
    }
}
