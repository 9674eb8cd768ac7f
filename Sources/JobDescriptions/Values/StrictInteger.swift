/// Whole numbers as descriptions write them: optional sign, digits, nothing else.
///
/// ARC reads `"1000MB"` as 1000 and `"lots"` as 0; arkd refuses both, because a resource request that
/// silently means something else is worse than a clear error.
import Foundation

enum StrictInteger {
    static func parse(_ text: String) -> Int? {
        let plain: Int?? = PlainText.withBytes(text) { bytes in
            PlainText.isPlain(bytes) ? .some(parsePlain(bytes, 0..<bytes.count)) : .none
        }
        if let plain { return plain }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 20 else { return nil }
        return Int(trimmed)
    }

    /// `parse` for plain text (ASCII without CR): the only ASCII characters in
    /// `CharacterSet.whitespaces` are space and tab.
    static func parsePlain(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end, end - start <= 20 else { return nil }
        return PlainText.integer(bytes, start..<end)
    }
}
