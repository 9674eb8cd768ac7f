import Yams

/// The volumes of a pod template and where its container mounts them, to find which volume a path
/// in the container's filesystem lies on: a path in arkd's configuration that is on no volume
/// lands on the read-only root filesystem and fails only when arkd first writes there.
struct PodVolumes {
    struct Mount {
        var volumeName: String
        var mountPath: String
        var subPath: String?
    }

    /// A path resolved to its volume: the volume's definition and the path inside the volume
    /// (for a ConfigMap or Secret, the key of the file).
    struct Location {
        var volumeName: String
        var volume: Node
        var pathInVolume: String
    }

    let mounts: [Mount]
    let volumes: [String: Node]

    /// The first container's mounts and the pod's volumes.
    init(podSpec: Node) {
        let container = podSpec["containers"]?.sequence?.first
        mounts = (container?["volumeMounts"]?.sequence.map(Array.init) ?? []).compactMap { mount in
            guard let name = mount["name"]?.string, let path = mount["mountPath"]?.string else { return nil }
            return Mount(volumeName: name, mountPath: path, subPath: mount["subPath"]?.string)
        }
        var volumes: [String: Node] = [:]
        for volume in podSpec["volumes"]?.sequence.map(Array.init) ?? [] {
            if let name = volume["name"]?.string { volumes[name] = volume }
        }
        self.volumes = volumes
    }

    /// The volume `path` lies on (the deepest mount that contains it), or `nil` when it is on the
    /// container's own filesystem.
    func location(of path: String) -> Location? {
        let containing = mounts.filter { path == $0.mountPath || path.hasPrefix($0.mountPath + "/") }
        guard let mount = containing.max(by: { $0.mountPath.count < $1.mountPath.count }),
              let volume = volumes[mount.volumeName] else { return nil }
        let rest = String(path.dropFirst(mount.mountPath.count).drop { $0 == "/" })
        let inside = [mount.subPath ?? "", rest].filter { !$0.isEmpty }.joined(separator: "/")
        return Location(volumeName: mount.volumeName, volume: volume, pathInVolume: inside)
    }
}
