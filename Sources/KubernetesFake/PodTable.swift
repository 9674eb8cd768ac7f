import Foundation

/// The `Table` rendering `kubectl get` asks for (`Accept: application/json;as=Table;...`).
enum PodTable {
    static func table(_ pods: [JSON], metadata: JSON) -> JSON {
        let columns: [JSON] = [("Name", "name"), ("Ready", ""), ("Status", ""), ("Restarts", ""), ("Age", "")].map { name, format in
            ["name": .string(name), "type": "string", "format": .string(format), "description": .string(name), "priority": 0]
        }
        let rows: [JSON] = pods.map { pod in
            let statuses = pod.value(at: "status", "containerStatuses")?.array ?? []
            let total = pod.value(at: "spec", "containers")?.array?.count ?? 0
            let ready = statuses.filter { $0["ready"]?.bool == true }.count
            let restarts = statuses.compactMap { $0["restartCount"]?.int }.reduce(0, +)
            var metadata = pod["metadata"] ?? .object([:])
            metadata["managedFields"] = nil
            return ["cells": [pod.value(at: "metadata", "name") ?? "", .string("\(ready)/\(total)"),
                              .string(status(of: pod)), .string(String(restarts)), .string(age(of: pod))],
                    "object": ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": metadata]]
        }
        return ["kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": metadata,
                "columnDefinitions": .array(columns), "rows": .array(rows)]
    }

    private static func status(of pod: JSON) -> String {
        if pod.value(at: "metadata", "deletionTimestamp") != nil { return "Terminating" }
        for status in pod.value(at: "status", "containerStatuses")?.array ?? [] {
            if let reason = status.value(at: "state", "waiting", "reason")?.string {
                return reason
            }
            if let reason = status.value(at: "state", "terminated", "reason")?.string { return reason }
        }
        return pod.value(at: "status", "reason")?.string ?? pod.value(at: "status", "phase")?.string ?? "Unknown"
    }

    private static func age(of pod: JSON) -> String {
        guard let text = pod.value(at: "metadata", "creationTimestamp")?.string,
              let created = ISO8601DateFormatter().date(from: text)
        else { return "<unknown>" }
        let seconds = max(0, Int(Date().timeIntervalSince(created)))
        return seconds < 120 ? "\(seconds)s" : "\(seconds / 60)m"
    }
}
