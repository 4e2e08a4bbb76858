import Foundation
import Testing
@testable import TallyFormat
import TallySystem
import TallyTestSupport

/// Varint sequences (integer tag 6), numeric string dictionaries, and the part writer's
/// choice among encodings: every form decodes to exactly what was encoded.
@Suite struct VarintEncodingTests {
    static func decodeInts(_ bytes: [UInt8], count: Int) throws -> [Int64] {
        var decoded = [Int64](repeating: -1, count: count + 1)
        try bytes.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            try decoded.withUnsafeMutableBufferPointer { p in
                try IntegerEncoding.decode(&r, count: count, into: p.baseAddress!)
            }
            guard r.remaining == 0 else { throw FormatError.malformed("\(r.remaining) bytes left") }
        }
        #expect(decoded[count] == -1, "decoding wrote past the values")
        return Array(decoded.prefix(count))
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func varintSequencesRoundTrip(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        var shapes = EncodingRoundTripTests.shapes(seed: seed)
        shapes.append((0..<300).map { Int64($0) * 2_654_435_761 })  // all distinct
        shapes.append((0..<300).map { _ in [Int64.min, Int64.max, 0, -1, 1][Int.random(in: 0..<5, using: &g)] })
        for values in shapes {
            for form in IntegerEncoding.Form.allCases {
                var w = ByteWriter()
                IntegerEncoding.encode(values, form: form, into: &w)
                if form == .varintDeltas { #expect(w.bytes[0] == IntegerEncoding.varintsTag) }
                if form == .varintRuns { #expect(w.bytes[0] == IntegerEncoding.varintRunsTag) }
                #expect(try Self.decodeInts(w.bytes, count: values.count) == values)
            }
        }
    }

    /// The part writer skips a form whose fewest possible bytes exceed twice the
    /// lightweight form's, trusting `minimumSize`: every form of every shape takes at
    /// least that many bytes, or the writer would skip a form that could have won.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func formsTakeAtLeastTheirMinimumSize(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        var shapes = EncodingRoundTripTests.shapes(seed: seed)
        shapes.append([])
        shapes.append([7])
        shapes.append((0..<500).map { _ in Int64.random(in: 0...1, using: &g) })
        shapes.append((0..<500).map { Int64($0 / 50) })
        for values in shapes {
            let runs = values.withUnsafeBufferPointer { IntegerEncoding.runCount($0) }
            var expectedRuns = values.isEmpty ? 0 : 1
            for i in values.indices.dropFirst() where values[i] != values[i - 1] { expectedRuns += 1 }
            #expect(runs == expectedRuns)
            for form in IntegerEncoding.Form.allCases {
                var w = ByteWriter()
                IntegerEncoding.encode(values, form: form, into: &w)
                let least = IntegerEncoding.minimumSize(of: form, count: values.count, runs: runs)
                #expect(w.bytes.count >= least, "\(form) of \(values.count) values in \(runs) runs: \(w.bytes.count) < \(least)")
            }
        }
    }

    @Test func nullableVarintChunksRoundTrip() throws {
        var g = SeededGenerator(seed: 5)
        for n in [1, 2, 64, 1000] {
            for nullEvery in [0, 1, 3] { for form in IntegerEncoding.Form.allCases {
                // No nulls, all null, a third null.
                let valid = (0..<n).map { i -> Int64 in nullEvery == 0 ? 1 : nullEvery == 1 ? 0 : i % nullEvery != 0 ? 1 : 0 }
                let values = valid.filter { $0 == 1 }.map { _ in [Int64.min, Int64.max, Int64.random(in: 0..<100_000, using: &g)][Int.random(in: 0..<3, using: &g)] }
                let nulls = n - values.count
                do {
                    var w = ByteWriter()
                    valid.withUnsafeBufferPointer {
                        NullableIntEncoding.encode(validity: $0, values: values, nullCount: nulls, form: form, into: &w)
                    }
                    var out = [Int64](repeating: 7, count: n)
                    var flags = [UInt8](repeating: 9, count: n)
                    var scratch = [Int64]()
                    try w.bytes.withUnsafeBytes { raw in
                        var r = ByteReader(raw)
                        try out.withUnsafeMutableBufferPointer { o in
                            try flags.withUnsafeMutableBufferPointer { f in
                                try NullableIntEncoding.decode(&r, count: n, values: o.baseAddress!, validity: f.baseAddress!, scratch: &scratch)
                            }
                        }
                    }
                    #expect(flags.map { Int64($0) } == valid)
                    var k = 0
                    for i in 0..<n where valid[i] == 1 { #expect(out[i] == values[k]); k += 1 }
                }
            } }
        }
    }

    @Test func damagedVarintsThrowInsteadOfCrashing() {
        var w = ByteWriter()
        IntegerEncoding.encodeVarintDeltas([1, 300, -70_000, Int64.min], into: &w)
        let good = w.bytes
        // Every truncation, a wrong count, and a length that disagrees with the bytes.
        for cut in 0..<good.count {
            #expect(throws: FormatError.self) { _ = try Self.decodeInts(Array(good.prefix(cut)), count: 4) }
        }
        #expect(throws: FormatError.self) { _ = try Self.decodeInts(good, count: 3) }
        #expect(throws: FormatError.self) { _ = try Self.decodeInts(good, count: 5) }
        #expect(throws: FormatError.self) { _ = try Self.decodeInts([IntegerEncoding.varintsTag, 2, 0x80, 0x80], count: 1) }
        #expect(throws: FormatError.self) { _ = try Self.decodeInts([IntegerEncoding.varintsTag, 11] + [UInt8](repeating: 0xff, count: 10) + [1], count: 1) }
        #expect(throws: FormatError.self) { _ = try Self.decodeInts([IntegerEncoding.varintsTag, 0], count: 1) }
        #expect((try? Self.decodeInts([IntegerEncoding.varintsTag, 0], count: 0)) == [])
    }

    @Test func damagedVarintRunsThrowInsteadOfCrashing() {
        var w = ByteWriter()
        IntegerEncoding.encode([4, 4, 4, Int64.min, Int64.max, Int64.max] as [Int64], form: .varintRuns, into: &w)
        let good = w.bytes
        #expect((try? Self.decodeInts(good, count: 6)) == [4, 4, 4, Int64.min, Int64.max, Int64.max] as [Int64])
        for cut in 0..<good.count {
            #expect(throws: FormatError.self) { _ = try Self.decodeInts(Array(good.prefix(cut)), count: 6) }
        }
        // Runs that cover fewer or more values than asked for, an empty run (length
        // -1 + 1), no runs for some values, and more runs than values.
        let tag = IntegerEncoding.varintRunsTag
        #expect(throws: FormatError.self) { _ = try Self.decodeInts(good, count: 5) }
        #expect(throws: FormatError.self) { _ = try Self.decodeInts(good, count: 7) }
        #expect(throws: FormatError.self) { _ = try Self.decodeInts([tag, 1, 2, 2, 1], count: 1) }
        #expect(throws: FormatError.self) { _ = try Self.decodeInts([tag, 0, 0], count: 1) }
        #expect(throws: FormatError.self) { _ = try Self.decodeInts([tag, 2, 4, 2, 2, 0, 0], count: 1) }
        #expect(throws: FormatError.self) { _ = try Self.decodeInts([tag, 1, 2, 2], count: 1) }
        #expect((try? Self.decodeInts([tag, 1, 2, 2, 4], count: 3)) == [1, 1, 1] as [Int64])
        #expect((try? Self.decodeInts([tag, 0, 0], count: 0)) == [])
    }

    static func roundTripDictionary(_ strings: [String]) throws -> (numeric: Bool, decoded: [String]) {
        let sorted = strings.sorted { StringDictionary.compareUTF8($0, $1) < 0 }
        var w = ByteWriter()
        let numeric = StringDictionary.encodeNumeric(sorted, into: &w)
        if !numeric {
            #expect(w.count == 0, "a refused numeric dictionary wrote bytes")
            StringDictionary.encode(sorted, into: &w)
        }
        let decoded = try w.bytes.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            let d = try StringDictionary.decode(&r)
            #expect(r.remaining == 0)
            return d
        }
        #expect(decoded == sorted)
        return (numeric, decoded)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func numericDictionariesRoundTripInByteOrder(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let limit: Int64 = 99_999_999_999_999_999  // 17 digits
        for n in [1, 2, 10, 1000, 5000] {
            for prefix in ["req-", "", "ünï/", "run 7x"] {
                // Mixed digit counts (byte order is not numeric order), the extremes.
                var numbers = Set<Int64>([0, limit].prefix(n))
                while numbers.count < n {
                    let digits = Int.random(in: 1...17, using: &g)
                    var hi: Int64 = 1
                    for _ in 0..<digits { hi *= 10 }
                    numbers.insert(Int64.random(in: 0..<hi, using: &g))
                }
                let result = try Self.roundTripDictionary(numbers.map { prefix + String($0) })
                #expect(result.numeric)
            }
        }
        // One digit count (the sorted order needs no reordering), all distinct.
        let same = try Self.roundTripDictionary((0..<500).map { "req-\(1_000_000_000 + $0 * 2_654_435)" })
        #expect(same.numeric)
    }

    @Test func dictionariesThatAreNotPrefixAndDecimalFallBack() throws {
        let refused: [[String]] = [
            ["req-007", "req-1"],  // a leading zero would not come back
            ["req-1", "res-2"],  // two prefixes
            ["req-", "req-1"],  // no digits
            ["a1b2", "a1c2"],
            ["x-123456789012345678"],  // 18 digits
            ["x-1", "x-+2"],
            ["x-1", "x-2 "],
            ["٣", "x-1"],  // a non-ASCII digit
            [],
        ]
        for strings in refused {
            let result = try Self.roundTripDictionary(strings)
            #expect(!result.numeric, "\(strings)")
        }
        #expect(try Self.roundTripDictionary(["0"]).numeric)
        #expect(try Self.roundTripDictionary(["v0", "v10", "v9"]).numeric)
    }

    @Test func damagedNumericDictionariesThrow() throws {
        var w = ByteWriter()
        #expect(StringDictionary.encodeNumeric(["r-1", "r-20", "r-3"], into: &w))
        let good = w.bytes
        for cut in 2..<good.count {
            #expect(throws: FormatError.self) {
                try Array(good.prefix(cut)).withUnsafeBytes { raw in
                    var r = ByteReader(raw)
                    _ = try StringDictionary.decode(&r)
                }
            }
        }
        // Values out of order (a repeat) and an unknown layout kind.
        var bad = ByteWriter()
        bad.writeVarUInt(0); bad.write(1); bad.writeVarUInt(2); bad.writeVarUInt(0)
        IntegerEncoding.encodeVarintDeltas([5, 5], into: &bad)
        var badBytes = bad.bytes
        badBytes.remove(at: 4)  // the varints' tag
        for bytes in [badBytes, [0, 2, 1, 0]] {
            #expect(throws: FormatError.self) {
                try bytes.withUnsafeBytes { raw in
                    var r = ByteReader(raw)
                    _ = try StringDictionary.decode(&r)
                }
            }
        }
    }

    /// A part of numeric ids (a fresh id per row, some null), timestamps and durations
    /// reads back exactly, whatever encodings and codecs the writer picked.
    @Test(arguments: [Codec.lz4, .zstd, .none])
    func partsOfNumericIdsRoundTrip(codec: Codec) throws {
        var g = SeededGenerator(seed: 11)
        let day = CivilDate.dayNumber(year: 2025, month: 3, day: 1)
        var buffer = RowBuffer(projectId: "p", monthKey: CivilDate.monthKey(forDayNumber: day))
        var records = [UsageRecord]()
        var t = Int64(day) * CivilDate.millisecondsPerDay
        for i in 0..<40_000 {
            if i % 5 == 0 { t += Int64.random(in: 0..<30_000, using: &g) }
            var r = UsageRecord(
                projectId: "p", ts: t, service: "anthropic", unit: "input_tokens",
                quantity: Double(Int.random(in: 0..<5000, using: &g)), costNanos: Int64(i), costSource: .given)
            r.issueSessionId = i % 9 == 0 ? nil : "req-\(Int64(i) * 2_654_435_761 % (1 << 40))"
            r.runId = "run-\(i / 700)"
            r.userId = "user-\(Int.random(in: 0..<3000, using: &g))"
            r.durationMs = i % 4 == 0 ? nil : Int64.random(in: 0..<90_000, using: &g)
            r.stepIndex = Int32(i % 30)
            r.requestId = "id-\(i)"
            records.append(r)
            buffer.append(r)
        }
        let bytes = PartWriter(codec: codec).encode(buffer)
        let scratch = try TemporaryDirectory(prefix: "tally-varint-part")
        defer { scratch.remove() }
        let file = scratch.path + "/part.tly"
        #expect(FileManager.default.createFile(atPath: file, contents: Data(bytes)))
        let reader = try PartReader(path: file)
        try reader.verify()
        var back = [UsageRecord]()
        try reader.readAllRecords { back.append($0) }
        let key = { (r: UsageRecord) in "\(r.ts) \(r.costNanos)" }
        #expect(back.sorted { key($0) < key($1) } == records.sorted { key($0) < key($1) })
        if codec == .lz4 {
            // The ids' dictionary and some chunk chose Zstandard in an LZ4 store.
            let zstdChunks = reader.footer.rowGroups.flatMap { $0.chunks.compactMap { $0 } }.filter { $0.blob.codec == .zstd }
            #expect(!zstdChunks.isEmpty)
        }
    }
}

extension VarintEncodingTests {
    /// The code check reads a dictionary's count without decoding it: both layouts.
    @Test func dictionaryCountsReadWithoutDecodingEitherLayout() throws {
        for strings in [["a", "b", "c"], ["r-1", "r-20", "r-3"], []] {
            var w = ByteWriter()
            if !StringDictionary.encodeNumeric(strings, into: &w) { StringDictionary.encode(strings, into: &w) }
            let count = try w.bytes.withUnsafeBytes { raw in
                var r = ByteReader(raw)
                return try StringDictionary.count(&r)
            }
            #expect(count == strings.count)
        }
    }
}
