import TallySystem
import TallyFormat

/// One row group of a usage Parquet file: its columns converted to usage-record field
/// types, row by row (nil for a null or absent column), and their assembly into records.
///
/// Not `TallyFormat.UsageColumns`, the store's columnar batch (text as per-batch codes):
/// this holds one file's decoded values on their way to `UsageRecord`s, with the file
/// and row numbers its errors name.
struct UsageRowGroup {
    let rows: Int
    let path: String
    /// The file row number (1-based) of the group's first row, for errors.
    let firstRow: Int
    var text = [UsageParquetReader.Field: [String?]]()
    var ints = [UsageParquetReader.Field: [Int64?]]()
    var quantity = [Double?]()

    init(rows: Int, path: String, firstRow: Int) {
        self.rows = rows
        self.path = path
        self.firstRow = firstRow
    }

    private func bad(_ row: Int, _ f: UsageParquetReader.Field, _ value: String, _ reason: String) -> ParquetError {
        .badValue(path: path, row: firstRow + row, column: f.rawValue, value: value, reason: reason)
    }

    /// Spreads dense values over rows, leaving nil where a row is null.
    private func spread<T>(_ values: [T], _ present: [Bool]?) -> [T?] {
        guard let present else { return values.map { $0 } }
        var out = [T?](repeating: nil, count: rows)
        var k = 0
        for r in 0..<rows where present[r] {
            out[r] = values[k]
            k += 1
        }
        return out
    }

    mutating func load(_ f: UsageParquetReader.Field, _ v: ParquetColumnValues, descriptor: ParquetColumnDescriptor) throws(ParquetError) {
        switch f {
        case .quantity:
            switch v.storage {
            case let .double(d): quantity = spread(d, v.present)
            case let .int64(d): quantity = spread(d.map(Double.init), v.present)
            case let .int32(d): quantity = spread(d.map(Double.init), v.present)
            default: break
            }
        case .costUsd:
            ints[f] = try costs(v, scale: UsageParquetReader.decimalScale(descriptor, path: path))
        case .ts:
            var factor: Int64 = 1
            if case let .timestamp(_, unit)? = descriptor.element.logicalType {
                factor = unit == .millis ? 1 : unit == .micros ? 1_000 : 1_000_000
            } else if descriptor.element.convertedType == 10 {
                factor = 1_000  // TIMESTAMP_MICROS
            }
            let raw = integers(v)
            ints[f] = factor == 1 ? raw : raw.map { $0.map { floorDiv($0, factor) } }
        case .date, .stepIndex, .parserVersion, .durationMs:
            ints[f] = integers(v)
        default:
            guard case let .byteArray(pool, indices) = v.storage else { return }
            var strings = [String?](repeating: nil, count: pool.count)
            var valid = [Bool](repeating: true, count: pool.count)
            for i in 0..<pool.count {
                strings[i] = pool.string(i)
                valid[i] = strings[i] != nil
            }
            var out = [String?](repeating: nil, count: rows)
            var k = 0
            for r in 0..<rows where v.present?[r] ?? true {
                let id = Int(indices[k])
                guard valid[id] else { throw bad(r, f, "\(pool[id].count) bytes", "not valid UTF-8") }
                out[r] = strings[id]
                k += 1
            }
            text[f] = out
        }
    }

    private func integers(_ v: ParquetColumnValues) -> [Int64?] {
        switch v.storage {
        case let .int64(d): return spread(d, v.present)
        case let .int32(d): return spread(d.map(Int64.init), v.present)
        default: return [Int64?](repeating: nil, count: rows)
        }
    }

    private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Decimal costs (any scale, on integers or big-endian byte arrays) as nano-USD.
    private func costs(_ v: ParquetColumnValues, scale: Int) throws(ParquetError) -> [Int64?] {
        var unscaled = [Int128]()
        switch v.storage {
        case let .int64(d): unscaled = d.map { Int128($0) }
        case let .int32(d): unscaled = d.map { Int128($0) }
        case let .byteArray(pool, indices):
            var decoded = [Int128?](repeating: nil, count: pool.count)
            for i in 0..<pool.count {
                let bytes = pool[i]
                guard !bytes.isEmpty, bytes.count <= 16 else { continue }
                var x: Int128 = bytes.first! >= 0x80 ? -1 : 0
                for b in bytes { x = (x << 8) | Int128(b) }
                decoded[i] = x
            }
            unscaled.reserveCapacity(indices.count)
            var k = 0
            for r in 0..<rows where v.present?[r] ?? true {
                guard let x = decoded[Int(indices[k])] else { throw bad(r, .costUsd, "\(pool[Int(indices[k])].count) bytes", "not a decimal of 1 to 16 bytes") }
                unscaled.append(x)
                k += 1
            }
        case .double, .float, .boolean: break
        }
        // To nano-USD: scale up by 10^(9 - scale), or down when exact.
        var out = [Int64?](repeating: nil, count: rows)
        var k = 0
        for r in 0..<rows where v.present?[r] ?? true {
            let x = unscaled[k]
            k += 1
            var nanos: Int128
            if scale <= 9 {
                var m: Int128 = 1
                for _ in 0..<(9 - scale) { m *= 10 }
                let (p, overflow) = x.multipliedReportingOverflow(by: m)
                guard !overflow else { throw bad(r, .costUsd, "\(x)e-\(scale)", "too large") }
                nanos = p
            } else {
                var d: Int128 = 1
                for _ in 0..<(scale - 9) { d *= 10 }
                guard x % d == 0 else { throw bad(r, .costUsd, "\(x)e-\(scale)", "has more than 9 fractional digits (Tally stores nano-USD exactly)") }
                nanos = x / d
            }
            guard let n = Int64(exactly: nanos) else { throw bad(r, .costUsd, "\(nanos) nano-USD", "does not fit a 64-bit nano-USD amount") }
            out[r] = n
        }
        return out
    }

    func assemble(into records: inout [UsageRecord], hasTs: Bool, hasDate: Bool) throws(ParquetError) {
        let none = [String?](repeating: nil, count: rows)
        let noInts = [Int64?](repeating: nil, count: rows)
        let project = text[.projectId] ?? none, service = text[.service] ?? none, unit = text[.unit] ?? none
        let ts = ints[.ts] ?? noInts, date = ints[.date] ?? noInts, cost = ints[.costUsd] ?? noInts
        let stepIndex = ints[.stepIndex] ?? noInts, duration = ints[.durationMs] ?? noInts, parser = ints[.parserVersion] ?? noInts
        let run = text[.runId] ?? none, sandbox = text[.sandboxId] ?? none, chain = text[.chainId] ?? none
        let issue = text[.issueSessionId] ?? none, tool = text[.toolId] ?? none, model = text[.modelId] ?? none
        let stepType = text[.stepType] ?? none, user = text[.userId] ?? none, persona = text[.personaId] ?? none
        let capture = text[.captureSource] ?? none, source = text[.costSource] ?? none
        for r in 0..<rows {
            guard let p = project[r] else { throw bad(r, .projectId, "null", "project_id is required") }
            guard let s = service[r] else { throw bad(r, .service, "null", "service is required") }
            guard let u = unit[r] else { throw bad(r, .unit, "null", "unit is required") }
            guard let q = quantity.isEmpty ? nil : quantity[r] else { throw bad(r, .quantity, "null", "quantity is required") }
            let time: Int64
            if let t = ts[r] {
                time = t
                if let d = date[r], CivilDate.dayNumber(forMilliseconds: t) != Int32(truncatingIfNeeded: d) {
                    throw bad(r, .date, String(d), "the date is not the UTC day of ts \(t)")
                }
            } else if let d = date[r] {
                time = d * CivilDate.millisecondsPerDay
            } else {
                throw bad(r, hasTs ? .ts : .date, "null", "ts (or date) is required")
            }
            func int32(_ v: Int64?, _ f: UsageParquetReader.Field) throws(ParquetError) -> Int32? {
                guard let v else { return nil }
                guard let n = Int32(exactly: v) else { throw bad(r, f, String(v), "does not fit a 32-bit integer") }
                return n
            }
            var costSource: CostSource? = nil
            if let name = source[r] {
                guard let cs = UsageParquetSchema.costSource(named: name) else {
                    throw bad(r, .costSource, name, "must be given, rate_card or unpriced")
                }
                costSource = cs
                // A record without a cost is always to be priced, whatever the file says.
                if cost[r] == nil { costSource = .unpriced }
            }
            records.append(UsageRecord(
                projectId: p, ts: time, service: s, unit: u, quantity: q, costNanos: cost[r], costSource: costSource,
                runId: run[r], sandboxId: sandbox[r], chainId: chain[r], issueSessionId: issue[r], toolId: tool[r],
                modelId: model[r], stepType: stepType[r], stepIndex: try int32(stepIndex[r], .stepIndex), userId: user[r],
                personaId: persona[r], durationMs: duration[r], captureSource: capture[r],
                parserVersion: try int32(parser[r], .parserVersion)))
        }
    }
}
