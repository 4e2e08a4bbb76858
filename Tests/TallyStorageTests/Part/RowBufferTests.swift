import Testing
@testable import TallyStorage
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
            withUnsafePointer(to: value) { b.append(UnsafeRawPointer($0), stride: 16, count: 1, optional: true) }
            let code = b.codes.last!
            if let value {
                if let known = reference[value] { #expect(code == known) } else {
                    #expect(code == UInt32(reference.count + 1))
                    reference[value] = code
                }
                #expect(b.value(at: b.codes.count - 1) == value)
            } else {
                #expect(code == 0)
            }
        }
    }
}
