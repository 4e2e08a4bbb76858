import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// The file formats the record readers and writers speak.
package enum RecordFileFormat: Sendable, Hashable, CaseIterable {
    /// Comma-separated values with a header row (RFC 4180).
    case csv
    /// One JSON object per line.
    case jsonl

    /// Guesses the format from the first bytes of a file (a few hundred are plenty).
    ///
    /// After an optional UTF-8 byte order mark and white space, `{` means JSONL; a first
    /// line that names at least one schema column (quoted or not) means CSV. Anything
    /// else is `nil`, so the caller can ask the user instead of guessing wrong.
    package static func sniff(_ firstBytes: [UInt8]) -> RecordFileFormat? {
        var i = 0
        if firstBytes.count >= 3, firstBytes[0] == 0xEF, firstBytes[1] == 0xBB, firstBytes[2] == 0xBF { i = 3 }
        while i < firstBytes.count, firstBytes[i] == 0x20 || firstBytes[i] == 0x09 || firstBytes[i] == 0x0A || firstBytes[i] == 0x0D {
            i += 1
        }
        guard i < firstBytes.count else { return nil }
        if firstBytes[i] == UInt8(ascii: "{") { return .jsonl }
        // The first header cell, without quotes and surrounding spaces.
        var end = i
        while end < firstBytes.count, firstBytes[end] != UInt8(ascii: ","), firstBytes[end] != 0x0A, firstBytes[end] != 0x0D {
            end += 1
        }
        var cell = firstBytes[i..<end]
        while let f = cell.first, f == 0x20 || f == 0x22 { cell = cell.dropFirst() }
        while let l = cell.last, l == 0x20 || l == 0x22 { cell = cell.dropLast() }
        let name = String(decoding: cell, as: UTF8.self)
        return RecordColumn(name: name) != nil ? .csv : nil
    }
}
