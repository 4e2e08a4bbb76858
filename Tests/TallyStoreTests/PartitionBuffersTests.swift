import Testing
@testable import TallyStore
@testable import TallyFormat
import TallySystem
import TallyTestSupport

/// The batch write path (raw string bits, runs per partition) against the plainest
/// possible reference: one record at a time, values compared by content.
@Suite struct RowBufferTests {
    /// Records whose strings are fresh heap objects (equal contents, different storage)
    /// interleaved with shared ones and small inline strings, so every branch of the
    /// bit comparison is taken.
    static func records(seed: UInt64, count: Int) -> [UsageRecord] {
        var g = SeededGenerator(seed: seed)
        let shared = "run-shared-with-a-long-identifier-0001"
        var out = RandomRecords.make(count: count, seed: seed, projects: 3, days: 70)
        for i in out.indices {
            switch Int.random(in: 0..<4, using: &g) {
            case 0: out[i].runId = shared
            case 1: out[i].runId = String("run-shared-with-a-long-identifier-000") + String(Int.random(in: 1...2, using: &g))
            case 2: out[i].modelId = ["claude-sonnet-4-5-20250929", "m"].randomElement(using: &g)!.uppercased().lowercased()
            default: out[i].userId = nil
            }
        }
        return out
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func batchAppendMatchesOneByOne(seed: UInt64) {
        let records = Self.records(seed: seed, count: 3000)
        var batched = PartitionBuffers()
        records.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                let n = min(1 + i % 97, b.count - i)
                batched.append(b.baseAddress! + i, count: n)
                i += n
            }
        }
        var expected = [String: [UsageRecord]]()
        for r in records {
            expected["\(r.projectId)/\(CivilDate.monthKey(forDayNumber: r.day))", default: []].append(r)
        }
        #expect(batched.rowCount == records.count)
        var seen = 0
        for buffer in batched.buffers {
            let want = expected["\(buffer.projectId)/\(buffer.monthKey)"] ?? []
            #expect(buffer.count == want.count)
            for row in 0..<buffer.count {
                #expect(buffer.record(at: row) == want[row])
            }
            seen += buffer.count
        }
        #expect(seen == records.count)
    }

    /// Single-record appends (`append(one:)`, a service's common call) interleaved with
    /// runs of records give the same buffers as the batch path alone, and a copy of a
    /// buffer taken midway is not changed by appends to the original.
    @Test(arguments: [4, 5] as [UInt64])
    func singleAppendsMatchBatchAppends(seed: UInt64) {
        let records = Self.records(seed: seed, count: 3000)
        var batched = PartitionBuffers()
        var mixed = PartitionBuffers()
        var snapshot: [RowBuffer] = []
        var snapshotRecords: [[UsageRecord]] = []
        var g = SeededGenerator(seed: seed)
        records.withUnsafeBufferPointer { b in
            batched.append(b.baseAddress!, count: b.count)
            var i = 0
            while i < b.count {
                if Bool.random(using: &g) {
                    mixed.append(one: b.baseAddress! + i)
                    i += 1
                } else {
                    let n = min(Int.random(in: 1...40, using: &g), b.count - i)
                    mixed.append(b.baseAddress! + i, count: n)
                    i += n
                }
                if snapshot.isEmpty && i >= b.count / 2 {
                    snapshot = mixed.buffers
                    snapshotRecords = snapshot.map { buffer in (0..<buffer.count).map { buffer.record(at: $0) } }
                }
            }
            // The copies take rows of their own (other records, each put in the copy of
            // its partition): neither side may see the other's.
            for k in snapshot.indices {
                let other = b.indices.reversed().first { b[$0].projectId == snapshot[k].projectId
                    && CivilDate.monthKey(forDayNumber: b[$0].day) == snapshot[k].monthKey }!
                var r = b[other]
                r.runId = "a-run-only-the-copy-has-\(k)"
                r.stepIndex = nil
                snapshot[k].append(r)
                snapshotRecords[k].append(r)
            }
        }
        let want = batched.buffers, got = mixed.buffers
        #expect(got.count == want.count)
        for (w, m) in zip(want, got) {
            #expect(m.projectId == w.projectId && m.monthKey == w.monthKey && m.count == w.count)
            for row in 0..<w.count { #expect(m.record(at: row) == w.record(at: row)) }
            for column in Column.stringColumns { #expect(Array(m.codes(column)) == Array(w.codes(column))) }
            #expect(m.stepIndex.nullCount == w.stepIndex.nullCount)
            #expect(m.durationMs.nullCount == w.durationMs.nullCount)
            #expect(m.parserVersion.nullCount == w.parserVersion.nullCount)
        }
        // Copy on write: the midway copies still hold exactly what they held.
        #expect(!snapshot.isEmpty)
        for (buffer, rows) in zip(snapshot, snapshotRecords) {
            #expect(buffer.count == rows.count)
            for row in 0..<buffer.count { #expect(buffer.record(at: row) == rows[row]) }
        }
    }

    /// Fresh string objects that are freed right after they are appended: a builder
    /// that compared raw bits against a string it no longer holds would see a new
    /// string at a reused address and give it a stale code (a bug found by this test).
    @Test func stringCodesAreDenseAndStable() {
        var b = StringColumnBuilder()
        var reference = [String: UInt32]()
        var g = SeededGenerator(seed: 9)
        for _ in 0..<5000 {
            let value: String? = Int.random(in: 0..<10, using: &g) == 0
                ? nil : "value-with-a-long-prefix-\(Int.random(in: 0..<12, using: &g))"
            var code: UInt32 = .max
            withUnsafePointer(to: value) { b.append(UnsafeRawPointer($0), stride: 16, count: 1, optional: true, into: &code) }
            if let value {
                if let known = reference[value] { #expect(code == known) } else {
                    #expect(code == UInt32(reference.count + 1))
                    reference[value] = code
                }
                #expect(b.values[Int(code) - 1] == value)
            } else {
                #expect(code == 0)
            }
        }
    }
}
