import Testing
import TallyTestSupport
@testable import TallyParquet

/// The encodings of data pages v2, on the examples of the Parquet spec and hand-packed
/// bytes (files written by DuckDB and pyarrow in these encodings are read in the engine
/// case file_read_parquet_v2_encodings, against DuckDB).
@Suite struct DeltaEncodingTests {
    static func deltas(_ bytes: [UInt8], count: Int) throws -> (values: [Int64], end: Int) {
        var out: [Int64] = []
        let end = try bytes.withRawBytes { (raw) throws(ParquetError) in try DeltaBinaryPackedDecoder.decode(raw, count: count, into: &out) }
        return (out, end)
    }

    /// Spec example 1: 1, 2, 3, 4, 5 is one block of constant deltas, bit width 0.
    @Test func constantDeltasNeedNoMiniblockBytes() throws {
        let encoded: [UInt8] = [0x80, 0x01, 0x04, 0x05, 0x02, /* block */ 0x02, 0, 0, 0, 0]
        let (values, end) = try Self.deltas(encoded, count: 5)
        #expect(values == [1, 2, 3, 4, 5])
        #expect(end == encoded.count)
    }

    /// Spec example 2: 7, 5, 3, 1, 2, 3, 4, 5: minimum delta -2, the deltas above it in 2 bits.
    @Test func deltasAboveTheMinimumArePackedLowestBitFirst() throws {
        let miniblock: [UInt8] = [0xC0, 0x3F, 0, 0, 0, 0, 0, 0]  // 0,0,0,3 | 3,3,3 | padding
        let encoded: [UInt8] = [0x80, 0x01, 0x04, 0x08, 0x0E, /* block */ 0x03, 2, 0, 0, 0] + miniblock + [0xAA]
        let (values, end) = try Self.deltas(encoded, count: 8)
        #expect(values == [7, 5, 3, 1, 2, 3, 4, 5])
        #expect(end == encoded.count - 1, "the encoding ends after its one stored miniblock")
    }

    @Test func aCountOtherThanThePagesIsRefused() {
        #expect(throws: ParquetError.self) { try Self.deltas([0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0], count: 6) }
        #expect(throws: ParquetError.self) { try Self.deltas([0x80, 0x01, 0x04, 0x05], count: 5) }
    }

    @Test func lengthsThenBytesAndSharedPrefixesRebuildTheStrings() throws {
        // Prefix lengths 0, 4, 0 (first 0; deltas +4, -4: minimum -4, then 8 and 0 in 4 bits).
        let prefixes: [UInt8] = [0x80, 0x01, 0x04, 0x03, 0x00, 0x07, 4, 0, 0, 0, 0x08] + [UInt8](repeating: 0, count: 15)
        // Suffix lengths 5, 3, 6 (first 5; deltas -2, +3: minimum -2, then 0 and 5 in 3 bits).
        let lengths: [UInt8] = [0x80, 0x01, 0x04, 0x03, 0x0A, 0x03, 3, 0, 0, 0, 0x28] + [UInt8](repeating: 0, count: 11)
        let suffixes = Array("appleiedbanana".utf8)
        var pool = ParquetByteArrayPool(), indices: [Int32] = []
        try (prefixes + lengths + suffixes).withRawBytes { (raw) throws(ParquetError) in
            try DeltaByteArrayDecoder.decodeIncremental(raw, count: 3, pool: &pool, indices: &indices)
        }
        #expect(indices.map { pool.string(Int($0)) } == ["apple", "applied", "banana"])
        var plain = ParquetByteArrayPool(), plainIndices: [Int32] = []
        try (lengths + suffixes).withRawBytes { (raw) throws(ParquetError) in
            try DeltaByteArrayDecoder.decodeLengths(raw, count: 3, pool: &plain, indices: &plainIndices)
        }
        #expect(plainIndices.map { plain.string(Int($0)) } == ["apple", "ied", "banana"])
    }

    @Test func byteStreamSplitInterleavesTheBytesOfEachValue() throws {
        let values: [Float] = [1.5, -2.25, 1e30]
        let bits = values.map(\.bitPattern)
        var encoded: [UInt8] = []
        for j in 0..<4 { for b in bits { encoded.append(UInt8(truncatingIfNeeded: b >> (8 * j))) } }
        var out: [UInt32] = []
        try encoded.withRawBytes { (raw) throws(ParquetError) in try ByteStreamSplitDecoder.decode(raw, from: 0, count: 3, into: &out) }
        #expect(out.map(Float.init(bitPattern:)) == values)
        #expect(throws: ParquetError.self) {
            try encoded.withRawBytes { (raw) throws(ParquetError) in try ByteStreamSplitDecoder.decode(raw, from: 0, count: 4, into: &out) }
        }
    }
}
