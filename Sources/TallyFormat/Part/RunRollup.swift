import TallySystem
/// Pre-aggregated sums of a part by UTC day x run x user x persona. Stored as footer
/// section `RunRollup.sectionKind`, written with the part by `PartWriter` (so merges and
/// rewrites carry it).
///
/// It serves the run- and user-level questions that the hourly rollup cannot: costs of
/// a page of runs, a project's run-cost distribution, the most expensive runs, cost by
/// user or persona. A run has tens to hundreds of rows (steps x iterations x token
/// classes), so the cells are that many times fewer than the rows, and answering from
/// them skips decoding quantity and cost, the two most expensive columns.
///
/// Rows are ordered by (day, run), so each (day, run) is one contiguous stretch of rows;
/// its cells (one per user and persona seen in it) come together, in stretch order, and
/// the stretch's row range is the sum of their counts. That makes the rollup a run index
/// too: a query for a few runs reads only their rows.
///
/// Section layout ("sequence" = `IntegerEncoding`):
/// ```
/// field                 encoding          meaning
/// version               varuint           3
/// cell count n          varuint
/// days                  sequence          day number (days since 1970-01-01)
/// run codes             sequence          the part's run_id dictionary code (0 = null)
/// user codes            sequence          the part's user_id dictionary code
/// persona codes         sequence          the part's persona_id dictionary code
/// counts                sequence          rows per cell (their sum is the part's rows)
/// cost sums             sequence          exact nano-USD
/// ```
/// No quantity sums: a run mixes units (tokens, seconds, bytes), so its quantity total
/// means little, and leaving them out keeps the section small (sum(quantity) by run
/// reads the rows, or the hourly rollup when a unit is named).
///
/// A part whose cell cost does not fit Int64 nano-USD (over 9 billion USD) gets no run
/// rollup; queries then read its raw columns.
package enum RunRollup {
    /// The footer section kind of the run rollup.
    package static let sectionKind: UInt8 = 2
    /// The string columns a cell is keyed by, in stored order.
    package static let dimensions: [Column] = [.runId, .userId, .personaId]
    static let version: UInt64 = 3

    /// The section for rows given in part order: each row's day, its part dictionary
    /// codes of `dimensions` (`codes[k]` for `dimensions[k]`) and its cost. Nil when a
    /// cell's cost sum overflows Int64.
    static func encoded(days day: [Int32], codes: [[Int64]], costs cost: [Int64], share: Double = RollupPolicy.maximumCellShare) -> [UInt8]? {
        let n = day.count
        let runCodes = codes[0], userCodes = codes[1], personaCodes = codes[2]
        var days = [Int64](), runs = [Int64](), users = [Int64](), personas = [Int64]()
        var counts = [Int64](), costs = [Int64]()
        // The cells of the current (day, run) stretch, by (user, persona).
        struct Cell { var user: Int64; var persona: Int64; var count: Int64; var cost: Int64 }
        var stretch = [Cell]()
        var stretchDay: Int64 = 0, stretchRun: Int64 = -1
        func closeStretch() {
            stretch.sort { ($0.user, $0.persona) < ($1.user, $1.persona) }
            for c in stretch {
                days.append(stretchDay); runs.append(stretchRun); users.append(c.user); personas.append(c.persona)
                counts.append(c.count); costs.append(c.cost)
            }
            stretch.removeAll(keepingCapacity: true)
        }
        for i in 0..<n {
            let d = Int64(day[i]), r = runCodes[i], u = userCodes[i], p = personaCodes[i]
            if d != stretchDay || r != stretchRun {
                closeStretch()
                stretchDay = d
                stretchRun = r
            }
            if let j = stretch.firstIndex(where: { $0.user == u && $0.persona == p }) {
                stretch[j].count += 1
                let (sum, overflow) = stretch[j].cost.addingReportingOverflow(cost[i])
                if overflow { return nil }
                stretch[j].cost = sum
            } else {
                stretch.append(Cell(user: u, persona: p, count: 1, cost: cost[i]))
            }
        }
        closeStretch()
        // Runs of a few rows each: the rollup would be nearly as large as the rows, and
        // a run's rows are found by scanning the part (see `RollupPolicy`).
        guard n == 0 || RollupPolicy.pays(cells: days.count, rows: n, share: share) else { return nil }
        var w = ByteWriter(capacity: 64 + days.count * 8)
        w.writeVarUInt(version)
        w.writeVarUInt(UInt64(days.count))
        guard !days.isEmpty else { return w.bytes }
        for column in [days, runs, users, personas, counts] { IntegerEncoding.encode(column, into: &w) }
        IntegerEncoding.encode(costs, into: &w)
        return w.bytes
    }

    /// Decodes a section written by `encoded` into a batch whose rows are the cells:
    /// `ts` holds each cell's day start, `codes` the three dimensions, `cost` the sums,
    /// `weights` the row counts (there is no `quantity`). Codes are checked against the part's
    /// dictionary sizes and counts against its row count.
    static func decode(
        _ bytes: [UInt8], dictionarySizes: [Int], rowCount: Int
    ) throws(FormatError) -> RollupBatch {
        let batch = ColumnBatch()
        var rowRanges = [Range<Int>]()
        let result: Result<Void, FormatError> = bytes.withUnsafeBytes { (raw) in
            do throws(FormatError) {
                var r = ByteReader(raw)
                let version = try r.readVarUInt()
                guard version == RunRollup.version else { throw FormatError.malformed("run rollup version \(version), this build reads \(RunRollup.version)") }
                let n = try r.readCount(limit: rowCount)
                batch.rowCount = n
                batch.ts = [Int64](repeating: 0, count: n)
                batch.weights = [Int64](repeating: 0, count: n)
                batch.cost = [Int64](repeating: 0, count: n)
                guard n > 0 else { throw FormatError.malformed("run rollup of a part with rows has no cells") }
                try batch.ts.withUnsafeMutableBufferPointer { (p) throws(FormatError) in try IntegerEncoding.decode(&r, count: n, into: p.baseAddress!) }
                for (k, column) in dimensions.enumerated() {
                    var codes = [Int64](repeating: 0, count: n)
                    try codes.withUnsafeMutableBufferPointer { (p) throws(FormatError) in try IntegerEncoding.decode(&r, count: n, into: p.baseAddress!) }
                    let limit = Int64(dictionarySizes[k])
                    guard codes.allSatisfy({ $0 >= 0 && $0 <= limit }) else {
                        throw FormatError.malformed("run rollup code outside the \(column.name) dictionary (\(limit) values)")
                    }
                    batch.codes[Int(column.rawValue)] = codes
                }
                try batch.weights.withUnsafeMutableBufferPointer { (p) throws(FormatError) in try IntegerEncoding.decode(&r, count: n, into: p.baseAddress!) }
                try batch.cost.withUnsafeMutableBufferPointer { (p) throws(FormatError) in try IntegerEncoding.decode(&r, count: n, into: p.baseAddress!) }
                // Cells of one (day, run) share its stretch of rows.
                rowRanges.reserveCapacity(n)
                let runs = batch.codes[Int(Column.runId.rawValue)]
                var covered = 0
                var previousDay = Int64.min
                var i = 0
                while i < n {
                    guard batch.ts[i] >= previousDay else { throw FormatError.malformed("run rollup days out of order at cell \(i)") }
                    previousDay = batch.ts[i]
                    var j = i
                    var rows = 0
                    while j < n && batch.ts[j] == batch.ts[i] && runs[j] == runs[i] {
                        let c = batch.weights[j]
                        guard c > 0, c <= Int64(rowCount - covered - rows) else { throw FormatError.malformed("run rollup cell \(j) has \(c) rows") }
                        rows += Int(c)
                        j += 1
                    }
                    for _ in i..<j { rowRanges.append(covered..<covered + rows) }
                    covered += rows
                    i = j
                }
                guard covered == rowCount else { throw FormatError.malformed("run rollup covers \(covered) of \(rowCount) rows") }
                for k in 0..<n {
                    let (start, overflow) = batch.ts[k].multipliedReportingOverflow(by: CivilDate.millisecondsPerDay)
                    guard !overflow else { throw FormatError.malformed("run rollup day \(batch.ts[k])") }
                    batch.ts[k] = start
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
        return RollupBatch(kind: .runs, batch: batch, dictionaries: [:], rowRanges: rowRanges)
    }
}
