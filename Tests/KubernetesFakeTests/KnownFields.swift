// The field names of the core/v1 structures reachable from Pod and Node, taken from the
// Kubernetes v1.28.7 OpenAPI document (api-v1.json) once; the tests carry them so that they need
// nothing outside the repository. `field:Type` names a nested structure (lists look through to
// their elements; `{Type}` is a map of them); a bare `field` is a scalar or free-form value.

import KubernetesFake

/// A strict check that an object the fake returns uses only fields the real API knows.
enum KnownFields {
    static let structures: [String: String] = [
        "Pod": "apiVersion kind metadata:ObjectMeta spec:PodSpec status:PodStatus",
        "ObjectMeta": "annotations creationTimestamp deletionGracePeriodSeconds deletionTimestamp finalizers generateName generation labels managedFields:ManagedFieldsEntry name namespace ownerReferences:OwnerReference resourceVersion selfLink uid",
        "ManagedFieldsEntry": "apiVersion fieldsType fieldsV1 manager operation subresource time",
        "OwnerReference": "apiVersion blockOwnerDeletion controller kind name uid",
        "PodSpec": "activeDeadlineSeconds affinity:Affinity automountServiceAccountToken containers:Container dnsConfig:PodDNSConfig dnsPolicy enableServiceLinks ephemeralContainers:EphemeralContainer hostAliases:HostAlias hostIPC hostNetwork hostPID hostUsers hostname imagePullSecrets:LocalObjectReference initContainers:Container nodeName nodeSelector os:PodOS overhead preemptionPolicy priority priorityClassName readinessGates:PodReadinessGate resourceClaims:PodResourceClaim restartPolicy runtimeClassName schedulerName schedulingGates:PodSchedulingGate securityContext:PodSecurityContext serviceAccount serviceAccountName setHostnameAsFQDN shareProcessNamespace subdomain terminationGracePeriodSeconds tolerations:Toleration topologySpreadConstraints:TopologySpreadConstraint volumes:Volume",
        "Affinity": "nodeAffinity:NodeAffinity podAffinity:PodAffinity podAntiAffinity:PodAntiAffinity",
        "NodeAffinity": "preferredDuringSchedulingIgnoredDuringExecution:PreferredSchedulingTerm requiredDuringSchedulingIgnoredDuringExecution:NodeSelector",
        "PreferredSchedulingTerm": "preference:NodeSelectorTerm weight",
        "NodeSelectorTerm": "matchExpressions:NodeSelectorRequirement matchFields:NodeSelectorRequirement",
        "NodeSelectorRequirement": "key operator values",
        "NodeSelector": "nodeSelectorTerms:NodeSelectorTerm",
        "PodAffinity": "preferredDuringSchedulingIgnoredDuringExecution:WeightedPodAffinityTerm requiredDuringSchedulingIgnoredDuringExecution:PodAffinityTerm",
        "WeightedPodAffinityTerm": "podAffinityTerm:PodAffinityTerm weight",
        "PodAffinityTerm": "labelSelector:LabelSelector namespaceSelector:LabelSelector namespaces topologyKey",
        "LabelSelector": "matchExpressions:LabelSelectorRequirement matchLabels",
        "LabelSelectorRequirement": "key operator values",
        "PodAntiAffinity": "preferredDuringSchedulingIgnoredDuringExecution:WeightedPodAffinityTerm requiredDuringSchedulingIgnoredDuringExecution:PodAffinityTerm",
        "Container": "args command env:EnvVar envFrom:EnvFromSource image imagePullPolicy lifecycle:Lifecycle livenessProbe:Probe name ports:ContainerPort readinessProbe:Probe resizePolicy:ContainerResizePolicy resources:ResourceRequirements restartPolicy securityContext:SecurityContext startupProbe:Probe stdin stdinOnce terminationMessagePath terminationMessagePolicy tty volumeDevices:VolumeDevice volumeMounts:VolumeMount workingDir",
        "EnvVar": "name value valueFrom:EnvVarSource",
        "EnvVarSource": "configMapKeyRef:ConfigMapKeySelector fieldRef:ObjectFieldSelector resourceFieldRef:ResourceFieldSelector secretKeyRef:SecretKeySelector",
        "ConfigMapKeySelector": "key name optional",
        "ObjectFieldSelector": "apiVersion fieldPath",
        "ResourceFieldSelector": "containerName divisor resource",
        "SecretKeySelector": "key name optional",
        "EnvFromSource": "configMapRef:ConfigMapEnvSource prefix secretRef:SecretEnvSource",
        "ConfigMapEnvSource": "name optional",
        "SecretEnvSource": "name optional",
        "Lifecycle": "postStart:LifecycleHandler preStop:LifecycleHandler",
        "LifecycleHandler": "exec:ExecAction httpGet:HTTPGetAction tcpSocket:TCPSocketAction",
        "ExecAction": "command",
        "HTTPGetAction": "host httpHeaders:HTTPHeader path port scheme",
        "HTTPHeader": "name value",
        "TCPSocketAction": "host port",
        "Probe": "exec:ExecAction failureThreshold grpc:GRPCAction httpGet:HTTPGetAction initialDelaySeconds periodSeconds successThreshold tcpSocket:TCPSocketAction terminationGracePeriodSeconds timeoutSeconds",
        "GRPCAction": "port service",
        "ContainerPort": "containerPort hostIP hostPort name protocol",
        "ContainerResizePolicy": "resourceName restartPolicy",
        "ResourceRequirements": "claims:ResourceClaim limits requests",
        "ResourceClaim": "name",
        "SecurityContext": "allowPrivilegeEscalation capabilities:Capabilities privileged procMount readOnlyRootFilesystem runAsGroup runAsNonRoot runAsUser seLinuxOptions:SELinuxOptions seccompProfile:SeccompProfile windowsOptions:WindowsSecurityContextOptions",
        "Capabilities": "add drop",
        "SELinuxOptions": "level role type user",
        "SeccompProfile": "localhostProfile type",
        "WindowsSecurityContextOptions": "gmsaCredentialSpec gmsaCredentialSpecName hostProcess runAsUserName",
        "VolumeDevice": "devicePath name",
        "VolumeMount": "mountPath mountPropagation name readOnly subPath subPathExpr",
        "PodDNSConfig": "nameservers options:PodDNSConfigOption searches",
        "PodDNSConfigOption": "name value",
        "EphemeralContainer": "args command env:EnvVar envFrom:EnvFromSource image imagePullPolicy lifecycle:Lifecycle livenessProbe:Probe name ports:ContainerPort readinessProbe:Probe resizePolicy:ContainerResizePolicy resources:ResourceRequirements restartPolicy securityContext:SecurityContext startupProbe:Probe stdin stdinOnce targetContainerName terminationMessagePath terminationMessagePolicy tty volumeDevices:VolumeDevice volumeMounts:VolumeMount workingDir",
        "HostAlias": "hostnames ip",
        "LocalObjectReference": "name",
        "PodOS": "name",
        "PodReadinessGate": "conditionType",
        "PodResourceClaim": "name source:ClaimSource",
        "ClaimSource": "resourceClaimName resourceClaimTemplateName",
        "PodSchedulingGate": "name",
        "PodSecurityContext": "fsGroup fsGroupChangePolicy runAsGroup runAsNonRoot runAsUser seLinuxOptions:SELinuxOptions seccompProfile:SeccompProfile supplementalGroups sysctls:Sysctl windowsOptions:WindowsSecurityContextOptions",
        "Sysctl": "name value",
        "Toleration": "effect key operator tolerationSeconds value",
        "TopologySpreadConstraint": "labelSelector:LabelSelector matchLabelKeys maxSkew minDomains nodeAffinityPolicy nodeTaintsPolicy topologyKey whenUnsatisfiable",
        "Volume": "awsElasticBlockStore:AWSElasticBlockStoreVolumeSource azureDisk:AzureDiskVolumeSource azureFile:AzureFileVolumeSource cephfs:CephFSVolumeSource cinder:CinderVolumeSource configMap:ConfigMapVolumeSource csi:CSIVolumeSource downwardAPI:DownwardAPIVolumeSource emptyDir:EmptyDirVolumeSource ephemeral:EphemeralVolumeSource fc:FCVolumeSource flexVolume:FlexVolumeSource flocker:FlockerVolumeSource gcePersistentDisk:GCEPersistentDiskVolumeSource gitRepo:GitRepoVolumeSource glusterfs:GlusterfsVolumeSource hostPath:HostPathVolumeSource iscsi:ISCSIVolumeSource name nfs:NFSVolumeSource persistentVolumeClaim:PersistentVolumeClaimVolumeSource photonPersistentDisk:PhotonPersistentDiskVolumeSource portworxVolume:PortworxVolumeSource projected:ProjectedVolumeSource quobyte:QuobyteVolumeSource rbd:RBDVolumeSource scaleIO:ScaleIOVolumeSource secret:SecretVolumeSource storageos:StorageOSVolumeSource vsphereVolume:VsphereVirtualDiskVolumeSource",
        "AWSElasticBlockStoreVolumeSource": "fsType partition readOnly volumeID",
        "AzureDiskVolumeSource": "cachingMode diskName diskURI fsType kind readOnly",
        "AzureFileVolumeSource": "readOnly secretName shareName",
        "CephFSVolumeSource": "monitors path readOnly secretFile secretRef:LocalObjectReference user",
        "CinderVolumeSource": "fsType readOnly secretRef:LocalObjectReference volumeID",
        "ConfigMapVolumeSource": "defaultMode items:KeyToPath name optional",
        "KeyToPath": "key mode path",
        "CSIVolumeSource": "driver fsType nodePublishSecretRef:LocalObjectReference readOnly volumeAttributes",
        "DownwardAPIVolumeSource": "defaultMode items:DownwardAPIVolumeFile",
        "DownwardAPIVolumeFile": "fieldRef:ObjectFieldSelector mode path resourceFieldRef:ResourceFieldSelector",
        "EmptyDirVolumeSource": "medium sizeLimit",
        "EphemeralVolumeSource": "volumeClaimTemplate:PersistentVolumeClaimTemplate",
        "PersistentVolumeClaimTemplate": "metadata:ObjectMeta spec:PersistentVolumeClaimSpec",
        "PersistentVolumeClaimSpec": "accessModes dataSource:TypedLocalObjectReference dataSourceRef:TypedObjectReference resources:ResourceRequirements selector:LabelSelector storageClassName volumeMode volumeName",
        "TypedLocalObjectReference": "apiGroup kind name",
        "TypedObjectReference": "apiGroup kind name namespace",
        "FCVolumeSource": "fsType lun readOnly targetWWNs wwids",
        "FlexVolumeSource": "driver fsType options readOnly secretRef:LocalObjectReference",
        "FlockerVolumeSource": "datasetName datasetUUID",
        "GCEPersistentDiskVolumeSource": "fsType partition pdName readOnly",
        "GitRepoVolumeSource": "directory repository revision",
        "GlusterfsVolumeSource": "endpoints path readOnly",
        "HostPathVolumeSource": "path type",
        "ISCSIVolumeSource": "chapAuthDiscovery chapAuthSession fsType initiatorName iqn iscsiInterface lun portals readOnly secretRef:LocalObjectReference targetPortal",
        "NFSVolumeSource": "path readOnly server",
        "PersistentVolumeClaimVolumeSource": "claimName readOnly",
        "PhotonPersistentDiskVolumeSource": "fsType pdID",
        "PortworxVolumeSource": "fsType readOnly volumeID",
        "ProjectedVolumeSource": "defaultMode sources:VolumeProjection",
        "VolumeProjection": "configMap:ConfigMapProjection downwardAPI:DownwardAPIProjection secret:SecretProjection serviceAccountToken:ServiceAccountTokenProjection",
        "ConfigMapProjection": "items:KeyToPath name optional",
        "DownwardAPIProjection": "items:DownwardAPIVolumeFile",
        "SecretProjection": "items:KeyToPath name optional",
        "ServiceAccountTokenProjection": "audience expirationSeconds path",
        "QuobyteVolumeSource": "group readOnly registry tenant user volume",
        "RBDVolumeSource": "fsType image keyring monitors pool readOnly secretRef:LocalObjectReference user",
        "ScaleIOVolumeSource": "fsType gateway protectionDomain readOnly secretRef:LocalObjectReference sslEnabled storageMode storagePool system volumeName",
        "SecretVolumeSource": "defaultMode items:KeyToPath optional secretName",
        "StorageOSVolumeSource": "fsType readOnly secretRef:LocalObjectReference volumeName volumeNamespace",
        "VsphereVirtualDiskVolumeSource": "fsType storagePolicyID storagePolicyName volumePath",
        "PodStatus": "conditions:PodCondition containerStatuses:ContainerStatus ephemeralContainerStatuses:ContainerStatus hostIP hostIPs:HostIP initContainerStatuses:ContainerStatus message nominatedNodeName phase podIP podIPs:PodIP qosClass reason resize resourceClaimStatuses:PodResourceClaimStatus startTime",
        "PodCondition": "lastProbeTime lastTransitionTime message reason status type",
        "ContainerStatus": "allocatedResources containerID image imageID lastState:ContainerState name ready resources:ResourceRequirements restartCount started state:ContainerState",
        "ContainerState": "running:ContainerStateRunning terminated:ContainerStateTerminated waiting:ContainerStateWaiting",
        "ContainerStateRunning": "startedAt",
        "ContainerStateTerminated": "containerID exitCode finishedAt message reason signal startedAt",
        "ContainerStateWaiting": "message reason",
        "HostIP": "ip",
        "PodIP": "ip",
        "PodResourceClaimStatus": "name resourceClaimName",
        "Node": "apiVersion kind metadata:ObjectMeta spec:NodeSpec status:NodeStatus",
        "NodeSpec": "configSource:NodeConfigSource externalID podCIDR podCIDRs providerID taints:Taint unschedulable",
        "NodeConfigSource": "configMap:ConfigMapNodeConfigSource",
        "ConfigMapNodeConfigSource": "kubeletConfigKey name namespace resourceVersion uid",
        "Taint": "effect key timeAdded value",
        "NodeStatus": "addresses:NodeAddress allocatable capacity conditions:NodeCondition config:NodeConfigStatus daemonEndpoints:NodeDaemonEndpoints images:ContainerImage nodeInfo:NodeSystemInfo phase volumesAttached:AttachedVolume volumesInUse",
        "NodeAddress": "address type",
        "NodeCondition": "lastHeartbeatTime lastTransitionTime message reason status type",
        "NodeConfigStatus": "active:NodeConfigSource assigned:NodeConfigSource error lastKnownGood:NodeConfigSource",
        "NodeDaemonEndpoints": "kubeletEndpoint:DaemonEndpoint",
        "DaemonEndpoint": "Port",
        "ContainerImage": "names sizeBytes",
        "NodeSystemInfo": "architecture bootID containerRuntimeVersion kernelVersion kubeProxyVersion kubeletVersion machineID operatingSystem osImage systemUUID",
        "AttachedVolume": "devicePath name",
    ]

    /// The paths of every field in `value` that `structure` does not define.
    static func unknownFields(in value: JSON, as structure: String = "Pod", path: String = "") -> [String] {
        guard case .object(let members) = value, let line = structures[structure] else { return [] }
        var fields: [String: String] = [:]
        for entry in line.split(separator: " ") {
            let parts = entry.split(separator: ":", maxSplits: 1)
            fields[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        var unknown: [String] = []
        for (key, member) in members {
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            guard let type = fields[key] else {
                unknown.append(childPath)
                continue
            }
            if type.isEmpty { continue }
            let isMap = type.hasPrefix("{")
            let name = isMap ? String(type.dropFirst().dropLast()) : type
            let children: [(String, JSON)]
            switch member {
            case .array(let items): children = items.enumerated().map { ("\(childPath)[\($0.offset)]", $0.element) }
            case .object(let values) where isMap: children = values.map { ("\(childPath)[\($0.key)]", $0.value) }
            default: children = [(childPath, member)]
            }
            for (itemPath, item) in children {
                unknown += unknownFields(in: item, as: name, path: itemPath)
            }
        }
        return unknown.sorted()
    }
}
