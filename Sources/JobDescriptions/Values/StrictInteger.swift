/// Whole numbers as descriptions write them: optional sign, digits, nothing else.
///
/// ARC reads `"1000MB"` as 1000 and `"lots"` as 0; arkd refuses both, because a resource request that
/// silently means something else is worse than a clear error.
import Foundation

enum StrictInteger {
    static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 20 else { return nil }
        return Int(trimmed)
    }
}
