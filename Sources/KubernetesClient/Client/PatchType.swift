/// The patch formats the API server accepts for core objects; each has its own content type
/// (a PATCH sent as plain `application/json` is refused with 415).
public enum PatchType: String, Sendable, Hashable {
    /// RFC 7386: `null` deletes a field, lists are replaced whole.
    case merge = "application/merge-patch+json"
    /// Kubernetes' own: knows list merge keys and `$deleteFromPrimitiveList/<field>`.
    case strategicMerge = "application/strategic-merge-patch+json"
    /// RFC 6902 operations (`test`, `remove`, …).
    case json = "application/json-patch+json"
}
