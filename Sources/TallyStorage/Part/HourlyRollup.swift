/// Pre-aggregated sums of a part by UTC hour and the low-cardinality dimensions
/// (service, unit, model_id, tool_id, step_type), stored as footer section
/// `HourlyRollup.sectionKind` and written with the part (so merged parts carry merged
/// rollups: compaction re-encodes the merged rows).
///
/// Section layout (varints as `ByteWriter` writes them):
/// ```
/// field                         encoding   meaning
/// version                       varuint    1
/// 5 string tables               count, then length-prefixed UTF-8 strings, in
///                                          `HourlyRollup.dimensions` order
/// entry count                   varuint
/// per entry, sorted by key:
///   hour delta                  varuint    hours since the previous entry's hour
///                                          (the first: since the epoch, zigzag)
///   5 codes                     varuint    index + 1 into the tables (0 = null)
///   count                       varuint    rows
///   quantity sum                8 bytes    Double bit pattern, little-endian
///   cost sum                    16 bytes   Int128 nano-USD, low then high word
/// ```
public struct HourlyRollup: Sendable, Equatable {
    /// The footer section kind of the rollup.
    public static let sectionKind: UInt8 = 1
    /// The dimensions the rollup keeps, in code order.
    public static let dimensions: [Column] = [.service, .unit, .modelId, .toolId, .stepType]

    /// One (hour, dimensions) cell.
    public struct Entry: Sendable, Equatable {
        /// Hours since the epoch (UTC), floor of ts / 3_600_000.
        public var hour: Int64
        /// Codes into `strings` (index + 1, 0 = null), in `dimensions` order.
        public var codes: (UInt32, UInt32, UInt32, UInt32, UInt32)
        /// Rows in the cell.
        public var count: Int64
        /// Sum of quantity (in row order of the written buffer).
        public var quantity: Double
        /// Exact sum of cost in nano-USD.
        public var cost: Int128

        public static func == (a: Entry, b: Entry) -> Bool {
            a.hour == b.hour && a.codes == b.codes && a.count == b.count && a.quantity == b.quantity && a.cost == b.cost
        }
    }

    /// The distinct values of each dimension, in `dimensions` order.
    public var strings: [[String]]
    /// The cells, sorted by (hour, codes).
    public var entries: [Entry]

    /// Aggregates a buffer's rows.
    public init(_ buffer: RowBuffer) {
        let dims = HourlyRollup.dimensions.map { buffer.strings[Int($0.rawValue)] }
        strings = dims.map(\.values)
        struct Key: Hashable { var hour: Int64; var a, b, c, d, e: UInt32 }
        var cells = [Key: Int]()
        var out = [Entry]()
        for row in 0..<buffer.count {
            let t = buffer.ts[row]
            let hour = t >= 0 ? t / 3_600_000 : (t - 3_599_999) / 3_600_000
            let key = Key(hour: hour, a: dims[0].codes[row], b: dims[1].codes[row], c: dims[2].codes[row], d: dims[3].codes[row], e: dims[4].codes[row])
            if let i = cells[key] {
                out[i].count += 1
                out[i].quantity += buffer.quantity[row]
                out[i].cost += Int128(buffer.cost[row])
            } else {
                cells[key] = out.count
                out.append(Entry(hour: hour, codes: (key.a, key.b, key.c, key.d, key.e), count: 1, quantity: buffer.quantity[row], cost: Int128(buffer.cost[row])))
            }
        }
        out.sort { a, b in
            (a.hour, a.codes.0, a.codes.1, a.codes.2, a.codes.3, a.codes.4) < (b.hour, b.codes.0, b.codes.1, b.codes.2, b.codes.3, b.codes.4)
        }
        entries = out
    }

    /// The section's bytes.
    public func encoded() -> [UInt8] {
        var w = ByteWriter(capacity: 64 + entries.count * 40)
        w.writeVarUInt(1)
        for table in strings {
            w.writeVarUInt(UInt64(table.count))
            for s in table { w.writeString(s) }
        }
        w.writeVarUInt(UInt64(entries.count))
        var previous: Int64 = 0
        for (i, e) in entries.enumerated() {
            if i == 0 { w.writeVarInt(e.hour) } else { w.writeVarUInt(UInt64(e.hour - previous)) }
            previous = e.hour
            for c in [e.codes.0, e.codes.1, e.codes.2, e.codes.3, e.codes.4] { w.writeVarUInt(UInt64(c)) }
            w.writeVarUInt(UInt64(e.count))
            w.writeFixed(e.quantity.bitPattern)
            w.writeFixed(UInt64(truncatingIfNeeded: e.cost))
            w.writeFixed(Int64(truncatingIfNeeded: e.cost >> 64))
        }
        return w.bytes
    }

    /// Decodes a section written by `encoded()`.
    public init(decoding bytes: [UInt8]) throws(FormatError) {
        var tables = [[String]]()
        var list = [Entry]()
        let result: Result<Void, FormatError> = bytes.withUnsafeBytes { (raw) in
            do throws(FormatError) {
                var r = ByteReader(raw)
                let version = try r.readVarUInt()
                guard version == 1 else { throw FormatError.malformed("rollup version \(version), this build reads 1") }
                for _ in HourlyRollup.dimensions {
                    let n = try r.readCount(limit: raw.count)
                    var t = [String]()
                    t.reserveCapacity(n)
                    for _ in 0..<n { t.append(try r.readString()) }
                    tables.append(t)
                }
                let n = try r.readCount(limit: raw.count)
                list.reserveCapacity(n)
                var hour: Int64 = 0
                for i in 0..<n {
                    if i == 0 { hour = try r.readVarInt() } else { hour += Int64(try r.readCount(limit: Int(Int32.max))) }
                    var c = [UInt32](repeating: 0, count: 5)
                    for k in 0..<5 {
                        let code = try r.readCount(limit: tables[k].count)
                        c[k] = UInt32(code)
                    }
                    let count = Int64(try r.readCount(limit: Int.max))
                    let q = Double(bitPattern: try r.readFixed(UInt64.self))
                    let lo = try r.readFixed(UInt64.self)
                    let hi = try r.readFixed(Int64.self)
                    list.append(Entry(hour: hour, codes: (c[0], c[1], c[2], c[3], c[4]), count: count, quantity: q, cost: Int128(hi) << 64 | Int128(lo)))
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
        strings = tables
        entries = list
    }
}
