import TallySystem
import TallyFormat
/// Byte-array values stored back to back, addressed by index: a column's dictionary,
/// or (when a chunk is PLAIN-encoded) its values in order.
package struct ParquetByteArrayPool: Sendable, Hashable {
    /// The values' bytes, concatenated.
    package private(set) var bytes: [UInt8] = []
    /// `offsets[i]..<offsets[i + 1]` is value `i`; always one longer than `count`.
    package private(set) var offsets: [Int] = [0]

    /// An empty pool.
    package init() {}

    /// The number of values.
    package var count: Int { offsets.count - 1 }

    /// Value `i`.
    package subscript(i: Int) -> ArraySlice<UInt8> { bytes[offsets[i]..<offsets[i + 1]] }

    /// Appends a value and returns its index.
    @discardableResult
    package mutating func append(_ value: some Collection<UInt8>) -> Int32 {
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
        return Int32(offsets.count - 2)
    }

    /// Appends a string's UTF-8 and returns its index.
    @discardableResult
    package mutating func append(_ value: String) -> Int32 {
        var s = value
        return s.withUTF8 { append($0) }
    }

    /// Value `i` as a String, or nil when it is not valid UTF-8.
    package func string(_ i: Int) -> String? {
        bytes.withUnsafeBufferPointer { String(validating: UnsafeBufferPointer(rebasing: $0[offsets[i]..<offsets[i + 1]]), as: UTF8.self) }
    }
}
