/// Pre-aggregated sums of a part per run segment: a maximal stretch of consecutive rows
/// (in the part's (day, run, time of day) order) that share day, run_id, user_id and
/// persona_id. Stored as footer section `RunRollup.sectionKind`, written with the part
/// by `PartWriter` (so merges and rewrites carry it).
///
/// It serves the run- and user-level questions that the hourly rollup cannot: costs of
/// a page of runs, a project's run-cost distribution, the most expensive runs, cost by
/// user or persona. A run has tens to hundreds of rows (steps x iterations x token
/// classes), so the segments are that many times fewer than the rows, and answering from
/// them skips decoding quantity and cost, the two most expensive columns. Because
/// segments tile the rows in order, each one is also a row range: a query for a few runs
/// reads only their rows.
///
/// Section layout ("sequence" = `IntegerEncoding`):
/// ```
/// field                 encoding          meaning
/// version               varuint           1
/// segment count n       varuint
/// days                  sequence          day number (days since 1970-01-01)
/// run codes             sequence          the part's run_id dictionary code (0 = null)
/// user codes            sequence          the part's user_id dictionary code
/// persona codes         sequence          the part's persona_id dictionary code
/// counts                sequence          rows per segment (their sum is the part's rows)
/// quantity sums         QuantityEncoding  lossless doubles, summed in row order
/// cost sums             sequence          exact nano-USD
/// ```
/// A part whose segment cost does not fit Int64 nano-USD (over 9 billion USD) gets no
/// run rollup; queries then read its raw columns.
public enum RunRollup {
    /// The footer section kind of the run rollup.
    public static let sectionKind: UInt8 = 2
    /// The string columns a segment is keyed by, in stored order.
    public static let dimensions: [Column] = [.runId, .userId, .personaId]

    /// The section for rows given in part order: `day(i)` and `code(k, i)` (the part's
    /// dictionary codes of `dimensions[k]`) of the i-th row, with its quantity and cost.
    /// Nil when a segment's cost sum overflows Int64.
    static func encoded(
        rowCount n: Int, day: (Int) -> Int32, code: (Int, Int) -> Int64,
        quantity: (Int) -> Double, cost: (Int) -> Int64
    ) -> [UInt8]? {
        var days = [Int64](), runs = [Int64](), users = [Int64](), personas = [Int64]()
        var counts = [Int64](), quantities = [Double](), costs = [Int64]()
        var costSum: Int64 = 0
        for i in 0..<n {
            let d = Int64(day(i)), r = code(0, i), u = code(1, i), p = code(2, i)
            let last = days.count - 1
            if last >= 0 && days[last] == d && runs[last] == r && users[last] == u && personas[last] == p {
                counts[last] += 1
                quantities[last] += quantity(i)
                let (sum, overflow) = costSum.addingReportingOverflow(cost(i))
                if overflow { return nil }
                costSum = sum
            } else {
                if last >= 0 { costs.append(costSum) }
                days.append(d); runs.append(r); users.append(u); personas.append(p)
                counts.append(1)
                quantities.append(quantity(i))
                costSum = cost(i)
            }
        }
        if !days.isEmpty { costs.append(costSum) }
        var w = ByteWriter(capacity: 64 + days.count * 8)
        w.writeVarUInt(1)
        w.writeVarUInt(UInt64(days.count))
        guard !days.isEmpty else { return w.bytes }
        for column in [days, runs, users, personas, counts] { IntegerEncoding.encode(column, into: &w) }
        quantities.withUnsafeBufferPointer { QuantityEncoding.encode($0, into: &w) }
        IntegerEncoding.encode(costs, into: &w)
        return w.bytes
    }

    /// Decodes a section written by `encoded` into a batch whose rows are the segments:
    /// `ts` holds each segment's day start, `codes` the three dimensions, `quantity` and
    /// `cost` the sums, `weights` the row counts. Codes are checked against the part's
    /// dictionary sizes and counts against its row count.
    static func decode(
        _ bytes: [UInt8], dictionarySizes: [Int], rowCount: Int
    ) throws(FormatError) -> RollupBatch {
        let batch = ColumnBatch()
        var firstRows = [Int]()
        let result: Result<Void, FormatError> = bytes.withUnsafeBytes { (raw) in
            do throws(FormatError) {
                var r = ByteReader(raw)
                let version = try r.readVarUInt()
                guard version == 1 else { throw FormatError.malformed("run rollup version \(version), this build reads 1") }
                let n = try r.readCount(limit: rowCount)
                batch.rowCount = n
                batch.ts = [Int64](repeating: 0, count: n)
                batch.weights = [Int64](repeating: 0, count: n)
                batch.quantity = [Double](repeating: 0, count: n)
                batch.cost = [Int64](repeating: 0, count: n)
                guard n > 0 else { throw FormatError.malformed("run rollup of a part with rows has no segments") }
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
                var scratch = [Int64]()
                try batch.quantity.withUnsafeMutableBufferPointer { (p) throws(FormatError) in
                    try QuantityEncoding.decode(&r, count: n, into: p.baseAddress!, scratch: &scratch)
                }
                try batch.cost.withUnsafeMutableBufferPointer { (p) throws(FormatError) in try IntegerEncoding.decode(&r, count: n, into: p.baseAddress!) }
                firstRows.reserveCapacity(n + 1)
                var covered = 0
                var previousDay = Int64.min
                for i in 0..<n {
                    let c = batch.weights[i]
                    guard c > 0, c <= Int64(rowCount - covered) else { throw FormatError.malformed("run rollup segment \(i) has \(c) rows") }
                    // Queries find a time window by binary search over the days.
                    guard batch.ts[i] >= previousDay else { throw FormatError.malformed("run rollup days out of order at segment \(i)") }
                    previousDay = batch.ts[i]
                    firstRows.append(covered)
                    covered += Int(c)
                    let (start, overflow) = batch.ts[i].multipliedReportingOverflow(by: CivilDate.millisecondsPerDay)
                    guard !overflow else { throw FormatError.malformed("run rollup day \(batch.ts[i])") }
                    batch.ts[i] = start
                }
                guard covered == rowCount else { throw FormatError.malformed("run rollup covers \(covered) of \(rowCount) rows") }
                firstRows.append(covered)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
        return RollupBatch(kind: .runs, batch: batch, dictionaries: [:], firstRows: firstRows)
    }
}
