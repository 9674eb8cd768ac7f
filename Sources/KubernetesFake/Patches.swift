import Foundation

/// The three PATCH formats the API server accepts for a Pod, applied to its JSON.
enum Patches {
    /// RFC 7386: objects merge recursively, `null` removes, anything else replaces.
    static func merge(_ target: JSON, with patch: JSON) -> JSON {
        guard case .object(let changes) = patch else { return patch }
        var result = target.object ?? [:]
        for (key, value) in changes {
            if value.isNull {
                result[key] = nil
            } else {
                result[key] = merge(result[key] ?? .null, with: value)
            }
        }
        return .object(result)
    }

    /// Keys of lists that a strategic merge patch merges element by element, and by which field.
    private static let mergeKeys: [String: String] = [
        "containers": "name", "initContainers": "name", "ephemeralContainers": "name", "volumes": "name",
        "env": "name", "volumeMounts": "mountPath", "ports": "containerPort", "conditions": "type",
        "containerStatuses": "name", "imagePullSecrets": "name",
    ]
    /// Primitive lists a strategic merge patch unions instead of replacing.
    private static let mergedPrimitiveLists: Set<String> = ["finalizers"]

    /// A strategic merge patch: a merge patch in which lists with a merge key merge by that key,
    /// `finalizers` are unioned, `$deleteFromPrimitiveList/<field>` removes values and
    /// `$patch: delete` removes a list element; `$setElementOrder` and `$retainKeys` are accepted.
    static func strategicMerge(_ target: JSON, with patch: JSON) throws(StatusError) -> JSON {
        guard case .object(let changes) = patch else { return patch }
        var result = target.object ?? [:]
        for (key, value) in changes.sorted(by: { $0.key < $1.key }) {
            if key.hasPrefix("$setElementOrder/") || key == "$retainKeys" || key == "$patch" { continue }
            if key.hasPrefix("$deleteFromPrimitiveList/") {
                let field = String(key.dropFirst("$deleteFromPrimitiveList/".count))
                guard case .array(let removed) = value else {
                    throw .badRequest("invalid $deleteFromPrimitiveList directive for \(field): not a list")
                }
                if case .array(let items) = result[field] ?? .null {
                    let remaining = items.filter { !removed.contains($0) }
                    result[field] = remaining.isEmpty ? nil : .array(remaining)
                }
                continue
            }
            if value.isNull {
                result[key] = nil
            } else if case .array(let patchItems) = value, case .array(let items)? = result[key] {
                if mergedPrimitiveLists.contains(key) {
                    result[key] = .array(items + patchItems.filter { !items.contains($0) })
                } else if let mergeKey = mergeKeys[key] {
                    result[key] = .array(try mergeList(items, with: patchItems, by: mergeKey))
                } else {
                    result[key] = value
                }
            } else if case .object = value {
                result[key] = try strategicMerge(result[key] ?? .object([:]), with: value)
            } else {
                result[key] = value
            }
        }
        return .object(result)
    }

    private static func mergeList(_ items: [JSON], with patchItems: [JSON], by mergeKey: String) throws(StatusError) -> [JSON] {
        var merged = items
        for patchItem in patchItems {
            guard let identity = patchItem[mergeKey] else { merged.append(patchItem); continue }
            let index = merged.firstIndex { $0[mergeKey] == identity }
            if patchItem["$patch"]?.string == "delete" {
                if let index { merged.remove(at: index) }
            } else if let index {
                merged[index] = try strategicMerge(merged[index], with: patchItem)
            } else {
                merged.append(patchItem)
            }
        }
        return merged
    }

    /// RFC 6902 (add, remove, replace, move, copy, test). A failed `test` is the API server's
    /// generic 422; a path that does not exist is also a 422 there.
    static func jsonPatch(_ target: JSON, operations: JSON) throws(StatusError) -> JSON {
        guard case .array(let list) = operations else {
            throw .badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch")
        }
        var document = target
        for operation in list {
            guard let op = operation["op"]?.string, let path = operation["path"]?.string else {
                throw .badRequest("the server rejected our request due to an error in our request")
            }
            let pointer = try parsePointer(path)
            switch op {
            case "add":
                guard let value = operation["value"] else { throw invalidPatch("missing value") }
                document = try insert(value, at: pointer, in: document, replacing: false)
            case "replace":
                guard let value = operation["value"] else { throw invalidPatch("missing value") }
                guard get(pointer, in: document) != nil else { throw invalidPatch("replace operation does not apply: doc is missing key: \(path)") }
                document = try insert(value, at: pointer, in: document, replacing: true)
            case "remove":
                guard get(pointer, in: document) != nil else { throw invalidPatch("remove operation does not apply: doc is missing path: \(path)") }
                document = remove(pointer, from: document)
            case "test":
                guard get(pointer, in: document) == operation["value"] else { throw .patchTestFailed }
            case "move", "copy":
                guard let from = operation["from"]?.string, let value = get(try parsePointer(from), in: document) else {
                    throw invalidPatch("\(op) operation does not apply: doc is missing from path")
                }
                if op == "move" { document = remove(try parsePointer(from), from: document) }
                document = try insert(value, at: pointer, in: document, replacing: false)
            default:
                throw invalidPatch("Unexpected kind: \(op)")
            }
        }
        return document
    }

    private static func invalidPatch(_ message: String) -> StatusError {
        StatusError(code: 422, reason: "Invalid", message: message, details: .object([:]))
    }

    private static func parsePointer(_ path: String) throws(StatusError) -> [String] {
        if path.isEmpty { return [] }
        guard path.hasPrefix("/") else { throw invalidPatch("JSON pointer must start with '/': \(path)") }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    private static func get(_ pointer: [String], in document: JSON) -> JSON? {
        var current: JSON? = document
        for token in pointer {
            switch current {
            case .object(let members)?: current = members[token]
            case .array(let items)?:
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                current = items[index]
            default: return nil
            }
        }
        return current
    }

    private static func insert(_ value: JSON, at pointer: [String], in document: JSON, replacing: Bool) throws(StatusError) -> JSON {
        guard let token = pointer.first else { return value }
        let rest = Array(pointer.dropFirst())
        switch document {
        case .object(var members):
            if rest.isEmpty {
                members[token] = value
            } else {
                guard let child = members[token] else { throw invalidPatch("add operation does not apply: doc is missing path") }
                members[token] = try insert(value, at: rest, in: child, replacing: replacing)
            }
            return .object(members)
        case .array(var items):
            if rest.isEmpty {
                if token == "-", !replacing {
                    items.append(value)
                } else if let index = Int(token), index >= 0, index <= items.count, !(replacing && index == items.count) {
                    if replacing { items[index] = value } else { items.insert(value, at: index) }
                } else {
                    throw invalidPatch("add operation does not apply: index out of range")
                }
            } else {
                guard let index = Int(token), items.indices.contains(index) else { throw invalidPatch("index out of range") }
                items[index] = try insert(value, at: rest, in: items[index], replacing: replacing)
            }
            return .array(items)
        default:
            throw invalidPatch("add operation does not apply: doc is missing path")
        }
    }

    private static func remove(_ pointer: [String], from document: JSON) -> JSON {
        guard let token = pointer.first else { return document }
        let rest = Array(pointer.dropFirst())
        switch document {
        case .object(var members):
            if rest.isEmpty { members[token] = nil } else if let child = members[token] { members[token] = remove(rest, from: child) }
            return .object(members)
        case .array(var items):
            guard let index = Int(token), items.indices.contains(index) else { return document }
            if rest.isEmpty { items.remove(at: index) } else { items[index] = remove(rest, from: items[index]) }
            return .array(items)
        default:
            return document
        }
    }
}
