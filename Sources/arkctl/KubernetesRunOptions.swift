import ArgumentParser
import ArkdEngine
import Glibc

/// The one-off cluster settings of `arkctl run --executor kubernetes`; a site's daemon reads the
/// same things from its configuration file instead.
struct KubernetesRunOptions: ParsableArguments {
    /// Where pods find the session directories.
    enum SessionVolume: ExpressibleByArgument, Equatable {
        /// The session root as a node directory: single-node and test clusters, where arkctl runs
        /// on the node itself.
        case hostPath
        case persistentVolumeClaim(String)

        init?(argument: String) {
            if argument == "hostpath" {
                self = .hostPath
            } else if argument.hasPrefix("pvc:"), argument.count > 4 {
                self = .persistentVolumeClaim(String(argument.dropFirst(4)))
            } else {
                return nil
            }
        }

        var defaultValueDescription: String {
            switch self {
            case .hostPath: "hostpath"
            case .persistentVolumeClaim(let claim): "pvc:" + claim
            }
        }
    }

    @Option(help: "kubeconfig file (default: $KUBECONFIG or ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "kubeconfig context (default: its current context).")
    var context: String?

    @Option(help: "Namespace for the job's pod.")
    var namespace: String = "default"

    @Option(help: "Container image for jobs whose runtime environments name none.")
    var image: String?

    @Option(help: "Session directories in pods: hostpath (the session root on the node) or pvc:NAME.")
    var sessionVolume: SessionVolume = .hostPath

    @Flag(help: "Accept a kubeconfig with insecure-skip-tls-verify (test clusters only).")
    var allowInsecureTLS = false

    /// One queue, `default`, on the chosen cluster; pods run as the invoking user, or as uid 1000
    /// when that is root (pods never run as root).
    func apply(to site: inout SiteConfiguration) {
        site.kubernetes.kubeconfig = kubeconfig
        site.kubernetes.context = context
        site.kubernetes.allowInsecureTLS = allowInsecureTLS
        switch sessionVolume {
        case .hostPath: site.kubernetes.sessionVolume = .hostPath(site.engineConfiguration.sessionRoot)
        case .persistentVolumeClaim(let claim): site.kubernetes.sessionVolume = .persistentVolumeClaim(claim)
        }
        let uid = getuid() == 0 ? 1000 : Int(getuid())
        let gid = getuid() == 0 ? 1000 : Int(getgid())
        site.defaultQueue = "default"
        site.queues = ["default": QueuePolicy(namespace: namespace, image: image, runAsUser: uid, runAsGroup: gid)]
    }
}
