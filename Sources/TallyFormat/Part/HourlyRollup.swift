import TallySystem
/// Pre-aggregated sums of a part by UTC hour (or UTC day) and the low-cardinality
/// dimensions (service, unit, model_id, tool_id, step_type), stored as footer section
/// `HourlyRollup.sectionKind` (by hour) or `HourlyRollup.dailySectionKind` (by day) and
/// written with the part (so merged parts carry merged rollups: compaction re-encodes the
/// merged rows). `TimeRollupChoice` decides which of the two a part gets, if any.
///
/// Section layout (varints as `ByteWriter` writes them; "sequence" = `IntegerEncoding`):
/// ```
/// field                         encoding   meaning
/// version                       varuint    2 (cells of one hour) or 3 (two fields follow)
/// hours per cell                varuint    version 3 only: 24 (cells of one UTC day)
/// dimensions kept               varuint    version 3 only: 5, or 3 (service, unit, model:
///                                          tool and step type tables empty, codes 0)
/// 5 string tables               count, then length-prefixed UTF-8 strings, in
///                                          `HourlyRollup.dimensions` order
/// entry count n                 varuint
/// hours                         sequence   hours since the epoch, sorted
/// 5 code columns                sequence   index + 1 into the tables (0 = null)
/// counts                        sequence   rows per cell
/// quantity sums                 QuantityEncoding, grouped by unit code
/// cost form                     byte       2: costs fit Int64, CostEncoding follows
///                                          (predicted per service, unit, model);
///                                          0: costs fit Int64, one sequence follows
///                                          (written before predicted sums);
///                                          1: low words then high words, two sequences
/// ```
/// Stored column by column, like the part's own data, so the block codec sees long runs
/// of similar values.
package struct HourlyRollup: Sendable, Equatable {
    /// The footer section kind of the rollup.
    package static let sectionKind: UInt8 = 1
    /// The footer section kind of the same rollup with cells of one UTC day. A separate
    /// kind so that builds which know only hourly cells ignore it (and read rows).
    package static let dailySectionKind: UInt8 = 4
    /// The footer section kind of daily cells by service, unit and model only (the coarsest
    /// time rollup, see `RollupPolicy`).
    package static let coarseDailySectionKind: UInt8 = 5
    /// The dimensions the rollup keeps, in code order.
    package static let dimensions: [Column] = [.service, .unit, .modelId, .toolId, .stepType]

    /// One (hour, dimensions) cell.
    package struct Entry: Sendable, Equatable {
        /// Hours since the epoch (UTC) of the cell's start: floor of ts / 3_600_000,
        /// rounded down to a multiple of `hoursPerCell`.
        package var hour: Int64
        /// Codes into `strings` (index + 1, 0 = null), in `dimensions` order.
        package var codes: (UInt32, UInt32, UInt32, UInt32, UInt32)
        /// Rows in the cell.
        package var count: Int64
        /// Sum of quantity (in row order of the written buffer).
        package var quantity: Double
        /// Exact sum of cost in nano-USD.
        package var cost: Int128

        /// Cells are equal when every field is (tuples are not `Equatable`).
        package static func == (a: Entry, b: Entry) -> Bool {
            a.hour == b.hour && a.codes == b.codes && a.count == b.count && a.quantity == b.quantity && a.cost == b.cost
        }
    }

    /// The distinct values of each dimension, in `dimensions` order.
    package var strings: [[String]]
    /// The cells, sorted by (hour, codes).
    package var entries: [Entry]
    /// The hours each cell spans: 1, or 24 for cells of one UTC day.
    package private(set) var hoursPerCell: Int64 = 1
    /// How many of `dimensions` the cells keep: 5, or 3 (service, unit, model; the cells
    /// then sum over tools and step types).
    package private(set) var dimensionCount = 5

    /// Aggregates a buffer's rows into cells of `hoursPerCell` hours (1 or 24), keeping the
    /// first `dimensionCount` dimensions (5, or 3 for daily cells).
    package init(_ buffer: RowBuffer, hoursPerCell: Int64 = 1, dimensionCount: Int = 5) {
        self.init(buffer, hoursPerCell: hoursPerCell, dimensionCount: dimensionCount, maximumCells: Int.max)!
    }

    /// The rollup of `init(_:hoursPerCell:dimensionCount:)`, or nil as soon as the rows are
    /// seen to make more than `maximumCells` cells: `RollupPolicy` tries up to three kinds
    /// per part and keeps the first small enough, so a kind that does not pay is given up
    /// part way through its rows, before its cells are summed and sorted.
    package init?(_ buffer: RowBuffer, hoursPerCell: Int64, dimensionCount: Int, maximumCells: Int) {
        precondition(hoursPerCell == 1 || hoursPerCell == 24, "rollup cells span an hour or a day")
        precondition(dimensionCount == 5 || (dimensionCount == 3 && hoursPerCell == 24), "only daily cells drop tool and step type")
        self.hoursPerCell = hoursPerCell
        self.dimensionCount = dimensionCount
        let span = hoursPerCell
        var dims = HourlyRollup.dimensions.map { buffer.strings[Int($0.rawValue)].values }
        let allCodes = HourlyRollup.dimensions.map { buffer.codes($0) }
        // Dropped dimensions: an empty table, and every row's code a null (0).
        let zeros = [UInt32](repeating: 0, count: dimensionCount < 5 ? buffer.count : 0)
        for k in dimensionCount..<5 { dims[k] = [] }
        strings = dims
        let kept = dimensionCount
        let cells = zeros.withUnsafeBufferPointer { z in
            let dimCodes = (0..<5).map { $0 < kept ? allCodes[$0] : z }
            return HourlyRollup.cells(buffer, span: span, dims: dims, dimCodes: dimCodes, maximumCells: maximumCells)
        }
        guard let cells else { return nil }
        entries = cells
    }

    /// The cells of `buffer`'s rows, sorted by (hour, codes).
    private static func cells(
        _ buffer: RowBuffer, span: Int64, dims: [[String]], dimCodes: [UnsafeBufferPointer<UInt32>], maximumCells: Int
    ) -> [Entry]? {
        struct Key: Hashable { var hour: Int64; var a, b, c, d, e: UInt32 }
        var out = [Entry]()
        let n = buffer.count
        // Most partitions have fewer than 256 values per dimension and span one month
        // of hours: then a cell's key packs into one UInt64, hashed far faster than a
        // struct of six fields.
        var minHour = Int64.max, maxHour = Int64.min
        for t in buffer.ts {
            let hour = Self.cellStart(t, span: span)
            minHour = Swift.min(minHour, hour); maxHour = Swift.max(maxHour, hour)
        }
        let packable = n > 0 && maxHour - minHour < (1 << 24) && dims.allSatisfy { $0.count < 256 }
        func add(_ slot: Int?, row: Int, hour: Int64) -> Int? {
            if let i = slot {
                out[i].count += 1
                out[i].quantity += buffer.quantity[row]
                out[i].cost += Int128(buffer.cost[row])
                return nil
            }
            out.append(Entry(
                hour: hour, codes: (dimCodes[0][row], dimCodes[1][row], dimCodes[2][row], dimCodes[3][row], dimCodes[4][row]),
                count: 1, quantity: buffer.quantity[row], cost: Int128(buffer.cost[row])))
            return out.count - 1
        }
        if packable {
            // Two passes over plain memory: number each row's cell, then sum the cells.
            // Building entries while finding cells paid a uniqueness check and a bounds
            // check per access of the growing array (a third of the rollup's time).
            let cells = DenseKeyMap()
            var cellOfRow = [Int32](repeating: 0, count: n)
            var firstRow = [Int]()
            let ts = buffer.ts
            let c0 = dimCodes[0], c1 = dimCodes[1], c2 = dimCodes[2], c3 = dimCodes[3], c4 = dimCodes[4]
            let fits = cellOfRow.withUnsafeMutableBufferPointer { cellIds in
                for row in 0..<n {
                    let hour = Self.cellStart(ts[row], span: span)
                    var key = UInt64(hour - minHour) << 40
                    key |= UInt64(c0[row]) << 32 | UInt64(c1[row]) << 24 | UInt64(c2[row]) << 16
                    key |= UInt64(c3[row]) << 8 | UInt64(c4[row])
                    let cell = cells.id(for: key)
                    if cell == firstRow.count {
                        if cell == maximumCells { return false }
                        firstRow.append(row)
                    }
                    cellIds[row] = Int32(truncatingIfNeeded: cell)
                }
                return true
            }
            guard fits else { return nil }
            let m = firstRow.count
            var counts = [Int64](repeating: 0, count: m)
            var quantities = [Double](repeating: 0, count: m)
            var costs = [Int128](repeating: 0, count: m)
            cellOfRow.withUnsafeBufferPointer { cellIds in
                let q = buffer.quantity, c = buffer.cost
                counts.withUnsafeMutableBufferPointer { count in
                quantities.withUnsafeMutableBufferPointer { quantity in
                costs.withUnsafeMutableBufferPointer { cost in
                    // In row order, as before: quantity sums are floating point.
                    for row in 0..<n {
                        let cell = Int(cellIds[row])
                        count[cell] &+= 1
                        quantity[cell] += q[row]
                        cost[cell] += Int128(c[row])
                    }
                }}}
            }
            out.reserveCapacity(m)
            for (cell, row) in firstRow.enumerated() {
                let t = buffer.ts[row]
                out.append(Entry(
                    hour: Self.cellStart(t, span: span),
                    codes: (dimCodes[0][row], dimCodes[1][row], dimCodes[2][row], dimCodes[3][row], dimCodes[4][row]),
                    count: counts[cell], quantity: quantities[cell], cost: costs[cell]))
            }
        } else {
            var cells = [Key: Int]()
            for row in 0..<n {
                let hour = Self.cellStart(buffer.ts[row], span: span)
                let key = Key(hour: hour, a: dimCodes[0][row], b: dimCodes[1][row], c: dimCodes[2][row], d: dimCodes[3][row], e: dimCodes[4][row])
                if let created = add(cells[key], row: row, hour: hour) {
                    if created == maximumCells { return nil }
                    cells[key] = created
                }
            }
        }
        // Codes are the buffer's insertion order; the order of entries only has to be
        // deterministic, so sort by (hour, codes).
        out.sort { a, b in
            (a.hour, a.codes.0, a.codes.1, a.codes.2, a.codes.3, a.codes.4) < (b.hour, b.codes.0, b.codes.1, b.codes.2, b.codes.3, b.codes.4)
        }
        return out
    }

    /// The first hour (since the epoch) of the cell of `span` hours holding instant `t`.
    @inline(__always)
    static func cellStart(_ t: Int64, span: Int64) -> Int64 {
        let hour = t >= 0 ? t / 3_600_000 : (t - 3_599_999) / 3_600_000
        if span == 1 { return hour }
        return hour >= 0 ? hour / span * span : (hour - span + 1) / span * span
    }

    /// The footer section kind this rollup is stored under.
    package var storedSectionKind: UInt8 {
        hoursPerCell == 1 ? HourlyRollup.sectionKind : dimensionCount == 5 ? HourlyRollup.dailySectionKind : HourlyRollup.coarseDailySectionKind
    }

    /// The kind of cells this rollup gives the query engine.
    package var kind: RollupBatch.Kind { hoursPerCell == 1 ? .hourly : dimensionCount == 5 ? .daily : .dailyCoarse }

    /// The cells as a batch for the query engine; nil when a cell's cost does not fit
    /// Int64 nano-USD (queries then read the part's rows).
    package func batch() -> RollupBatch? {
        let n = entries.count
        guard entries.allSatisfy({ Int128(Int64.min) <= $0.cost && $0.cost <= Int128(Int64.max) }) else { return nil }
        let b = ColumnBatch()
        b.rowCount = n
        b.ts = entries.map { $0.hour * 3_600_000 }
        b.weights = entries.map(\.count)
        b.quantity = entries.map(\.quantity)
        b.cost = entries.map { Int64($0.cost) }
        b.codes[Int(Column.service.rawValue)] = entries.map { Int64($0.codes.0) }
        b.codes[Int(Column.unit.rawValue)] = entries.map { Int64($0.codes.1) }
        b.codes[Int(Column.modelId.rawValue)] = entries.map { Int64($0.codes.2) }
        if dimensionCount == 5 {
            b.codes[Int(Column.toolId.rawValue)] = entries.map { Int64($0.codes.3) }
            b.codes[Int(Column.stepType.rawValue)] = entries.map { Int64($0.codes.4) }
        }
        var tables = [Column: [String]]()
        for (k, c) in HourlyRollup.dimensions.prefix(dimensionCount).enumerated() { tables[c] = strings[k] }
        return RollupBatch(kind: kind, batch: b, dictionaries: tables, rowRanges: [])
    }

    /// The section's bytes.
    package func encoded() -> [UInt8] {
        var w = ByteWriter(capacity: 64 + entries.count * 8)
        if hoursPerCell == 1 {
            w.writeVarUInt(2)
        } else {
            w.writeVarUInt(3)
            w.writeVarUInt(UInt64(hoursPerCell))
            w.writeVarUInt(UInt64(dimensionCount))
        }
        for table in strings {
            w.writeVarUInt(UInt64(table.count))
            for s in table { w.writeString(s) }
        }
        w.writeVarUInt(UInt64(entries.count))
        guard !entries.isEmpty else { return w.bytes }
        IntegerEncoding.encode(entries.map(\.hour), into: &w)
        IntegerEncoding.encode(entries.map { Int64($0.codes.0) }, into: &w)
        IntegerEncoding.encode(entries.map { Int64($0.codes.1) }, into: &w)
        IntegerEncoding.encode(entries.map { Int64($0.codes.2) }, into: &w)
        IntegerEncoding.encode(entries.map { Int64($0.codes.3) }, into: &w)
        IntegerEncoding.encode(entries.map { Int64($0.codes.4) }, into: &w)
        IntegerEncoding.encode(entries.map(\.count), into: &w)
        // Like the part's own columns: quantity sums grouped by unit, cost sums
        // predicted from them per (service, unit, model). A cell's cost sum differs from
        // its quantity sum x rate only by the rows' rounding (at most half a nano-USD a
        // row), so the residuals are a few bits where the sums took 30.
        let quantities = entries.map(\.quantity)
        let units = entries.map { UInt64($0.codes.1) }
        quantities.withUnsafeBufferPointer { q in units.withUnsafeBufferPointer { u in
            QuantityEncoding.encode(q, groups: u, into: &w)
        }}
        if entries.allSatisfy({ Int128(Int64.min) <= $0.cost && $0.cost <= Int128(Int64.max) }) {
            w.write(2)
            let costs = entries.map { Int64($0.cost) }
            let rateGroups = entries.map { UInt64($0.codes.0) << 42 | UInt64($0.codes.1) << 21 | UInt64($0.codes.2) }
            costs.withUnsafeBufferPointer { c in quantities.withUnsafeBufferPointer { q in rateGroups.withUnsafeBufferPointer { g in
                CostEncoding.encode(costs: c, quantities: q, groupKeys: g, into: &w)
            }}}
        } else {
            w.write(1)
            IntegerEncoding.encode(entries.map { Int64(bitPattern: UInt64(truncatingIfNeeded: $0.cost)) }, into: &w)
            IntegerEncoding.encode(entries.map { Int64(truncatingIfNeeded: $0.cost >> 64) }, into: &w)
        }
        return w.bytes
    }

    /// Decodes a section written by `encoded()`.
    package init(decoding bytes: [UInt8]) throws(FormatError) {
        var tables = [[String]]()
        var list = [Entry]()
        var span: Int64 = 1
        var kept = 5
        let result: Result<Void, FormatError> = bytes.withUnsafeBytes { (raw) in
            do throws(FormatError) {
                var r = ByteReader(raw)
                let version = try r.readVarUInt()
                guard version == 2 || version == 3 else { throw FormatError.malformed("rollup version \(version), this build reads 2 and 3") }
                if version == 3 {
                    span = Int64(truncatingIfNeeded: try r.readVarUInt())
                    guard span == 24 else { throw FormatError.malformed("rollup cells of \(span) hours (24 expected)") }
                    kept = Int(truncatingIfNeeded: try r.readVarUInt())
                    guard kept == 5 || kept == 3 else { throw FormatError.malformed("rollup of \(kept) dimensions (3 or 5 expected)") }
                }
                for _ in HourlyRollup.dimensions {
                    let n = try r.readCount(limit: raw.count)
                    var t = [String]()
                    t.reserveCapacity(n)
                    for _ in 0..<n { t.append(try r.readString()) }
                    tables.append(t)
                }
                let n = try r.readCount(limit: raw.count)
                guard n > 0 else { return .success(()) }
                var columns = [[Int64]](repeating: [Int64](repeating: 0, count: n), count: 9)
                for k in 0..<7 {
                    try columns[k].withUnsafeMutableBufferPointer { (p) throws(FormatError) in try IntegerEncoding.decode(&r, count: n, into: p.baseAddress!) }
                }
                var quantities = [Double](repeating: 0, count: n)
                var scratch = [Int64]()
                try quantities.withUnsafeMutableBufferPointer { (p) throws(FormatError) in
                    try QuantityEncoding.decode(&r, count: n, into: p.baseAddress!, scratch: &scratch)
                }
                let wide = try r.readByte()
                guard wide <= 2 else { throw FormatError.malformed("rollup cost width \(wide)") }
                try columns[7].withUnsafeMutableBufferPointer { (p) throws(FormatError) in
                    if wide == 2 {
                        try quantities.withUnsafeBufferPointer { (q) throws(FormatError) in
                            try CostEncoding.decode(&r, count: n, quantities: q.baseAddress!, into: p.baseAddress!, scratch: &scratch)
                        }
                    } else {
                        try IntegerEncoding.decode(&r, count: n, into: p.baseAddress!)
                    }
                }
                if wide == 1 {
                    try columns[8].withUnsafeMutableBufferPointer { (p) throws(FormatError) in try IntegerEncoding.decode(&r, count: n, into: p.baseAddress!) }
                }
                list.reserveCapacity(n)
                // Queries find a time window by binary search over the hours.
                for i in 0..<n {
                    guard abs(columns[0][i]) < 1 << 40, i == 0 || columns[0][i - 1] <= columns[0][i],
                          Self.cellStart(columns[0][i] * 3_600_000, span: span) == columns[0][i] else {
                        throw FormatError.malformed("rollup hours out of order or range at cell \(i)")
                    }
                }
                for i in 0..<n {
                    var c = (UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0))
                    for k in 0..<5 {
                        let code = columns[1 + k][i]
                        guard code >= 0 && code <= Int64(tables[k].count) else { throw FormatError.malformed("rollup code \(code)") }
                        switch k {
                        case 0: c.0 = UInt32(code)
                        case 1: c.1 = UInt32(code)
                        case 2: c.2 = UInt32(code)
                        case 3: c.3 = UInt32(code)
                        default: c.4 = UInt32(code)
                        }
                    }
                    let cost = wide == 1 ? Int128(columns[8][i]) << 64 | Int128(UInt64(bitPattern: columns[7][i])) : Int128(columns[7][i])
                    list.append(Entry(hour: columns[0][i], codes: c, count: columns[6][i], quantity: quantities[i], cost: cost))
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
        strings = tables
        entries = list
        hoursPerCell = span
        dimensionCount = kept
        guard tables.count == 5, tables[kept...].allSatisfy(\.isEmpty) else {
            throw FormatError.malformed("rollup of \(kept) dimensions has values of the others")
        }
    }
}
