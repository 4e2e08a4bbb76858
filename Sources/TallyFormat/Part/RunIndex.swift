import TallySystem

/// Where each run's rows are in a part that has no run rollup: one entry per (day, run)
/// stretch of rows. Stored as footer section `RunIndex.sectionKind`, written with the part
/// by `PartWriter` when the run rollup does not pay (`RollupPolicy`).
///
/// The run rollup doubles as a run index (its cells carry their stretch's row range), but
/// it is written only when its cells, keyed by day x run x user x persona, are at most a
/// tenth of the rows. On data whose users or personas change within a run (issue 22's
/// many_small shape: 5,044 cells for 43,792 rows of a large project's month) it is left
/// out, and a run's detail then read the whole part: 43,792 rows for a run of 88. The
/// index keeps only what finds the rows (a stretch per day and run, with no sums and no
/// users), so it is a few percent of the rows where the rollup was over a tenth.
///
/// Rows are ordered by (day, run), so each (day, run) is one contiguous stretch and the
/// stretches, in order, cover the part's rows exactly.
///
/// Section layout ("sequence" = `IntegerEncoding`):
/// ```
/// field                 encoding          meaning
/// version               varuint           1
/// stretch count n       varuint
/// days                  sequence          day number (days since 1970-01-01)
/// run codes             sequence          the part's run_id dictionary code (0 = null)
/// counts                sequence          rows per stretch (their sum is the part's rows)
/// ```
package enum RunIndex {
    /// The footer section kind of the run index.
    package static let sectionKind: UInt8 = 6
    static let version: UInt64 = 1
    /// Rows per stretch at least, on average, for the index to be written: a stretch of
    /// fewer rows is cheaper to find by reading the rows than by an index entry (a varint
    /// or three) per stretch.
    static let minimumRowsPerStretch = 4

    /// The decoded index: per stretch, in row order, its day, run code and rows.
    package struct Stretches: Sendable {
        /// Day numbers (days since 1970-01-01), ascending.
        package var days: [Int32] = []
        /// The part's run_id dictionary codes (0 = null).
        package var runs: [Int64] = []
        /// Each stretch's rows; together they are the part's rows, in order.
        package var rowRanges: [Range<Int>] = []

        /// Bytes the decoded index holds (for the reader's cache budget).
        package var byteCount: Int { days.count * 4 + runs.count * 8 + rowRanges.count * 16 }
    }

    /// The section for rows given in part order (each row's day and run code); nil when
    /// stretches average fewer than `minimumRowsPerStretch` rows.
    static func encoded(days day: [Int32], runCodes: [Int64]) -> [UInt8]? {
        let n = day.count
        var days = [Int64](), runs = [Int64](), counts = [Int64]()
        var i = 0
        while i < n {
            var j = i + 1
            while j < n && day[j] == day[i] && runCodes[j] == runCodes[i] { j += 1 }
            days.append(Int64(day[i]))
            runs.append(runCodes[i])
            counts.append(Int64(j - i))
            i = j
        }
        guard n > 0, days.count * minimumRowsPerStretch <= n else { return nil }
        var w = ByteWriter(capacity: 32 + days.count * 4)
        w.writeVarUInt(version)
        w.writeVarUInt(UInt64(days.count))
        for column in [days, runs, counts] { IntegerEncoding.encode(column, into: &w) }
        return w.bytes
    }

    /// Decodes a section written by `encoded`, checking its codes against the part's run_id
    /// dictionary size, its days' order and that its stretches cover the part's rows.
    static func decode(_ bytes: [UInt8], runDictionarySize: Int, rowCount: Int) throws(FormatError) -> Stretches {
        var out = Stretches()
        let result: Result<Void, FormatError> = bytes.withUnsafeBytes { raw in
            do throws(FormatError) {
                var r = ByteReader(raw)
                let version = try r.readVarUInt()
                guard version == RunIndex.version else { throw FormatError.malformed("run index version \(version), this build reads \(RunIndex.version)") }
                let n = try r.readCount(limit: rowCount)
                guard n > 0 else { throw FormatError.malformed("run index of a part with rows has no stretches") }
                var columns = [[Int64]]()
                for _ in 0..<3 {
                    var values = [Int64](repeating: 0, count: n)
                    try values.withUnsafeMutableBufferPointer { (p) throws(FormatError) in try IntegerEncoding.decode(&r, count: n, into: p.baseAddress!) }
                    columns.append(values)
                }
                let (days, runs, counts) = (columns[0], columns[1], columns[2])
                out.days.reserveCapacity(n)
                out.rowRanges.reserveCapacity(n)
                var covered = 0
                for k in 0..<n {
                    guard let day = Int32(exactly: days[k]), k == 0 || days[k] >= days[k - 1] else {
                        throw FormatError.malformed("run index day \(days[k]) out of order at stretch \(k)")
                    }
                    guard runs[k] >= 0, runs[k] <= Int64(runDictionarySize) else {
                        throw FormatError.malformed("run index code \(runs[k]) outside the run_id dictionary (\(runDictionarySize) values)")
                    }
                    guard counts[k] > 0, counts[k] <= Int64(rowCount - covered) else {
                        throw FormatError.malformed("run index stretch \(k) has \(counts[k]) rows")
                    }
                    out.days.append(day)
                    out.rowRanges.append(covered..<covered + Int(counts[k]))
                    covered += Int(counts[k])
                }
                guard covered == rowCount else { throw FormatError.malformed("run index covers \(covered) of \(rowCount) rows") }
                out.runs = runs
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
        return out
    }
}
