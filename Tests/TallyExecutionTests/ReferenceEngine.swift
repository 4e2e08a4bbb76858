import Foundation
import TallyExecution
import TallySystem
import TallyFormat
import TallyStore

/// The obviously correct (and slow) meaning of an `AggregateQuery`, over plain records.
enum ReferenceEngine {
    static func string(_ d: UsageDimension, _ r: UsageRecord) -> String? {
        switch d {
        case .projectId: return r.projectId
        case .service: return r.service
        case .unit: return r.unit
        case .modelId: return r.modelId
        case .toolId: return r.toolId
        case .stepType: return r.stepType
        case .userId: return r.userId
        case .personaId: return r.personaId
        case .captureSource: return r.captureSource
        case .runId: return r.runId
        case .sandboxId: return r.sandboxId
        case .chainId: return r.chainId
        case .issueSessionId: return r.issueSessionId
        case .requestId: return r.requestId
        default: return nil
        }
    }

    static func int(_ d: UsageDimension, _ r: UsageRecord) -> Int64? {
        switch d {
        case .stepIndex: return r.stepIndex.map(Int64.init)
        case .durationMs: return r.durationMs
        case .parserVersion: return r.parserVersion.map(Int64.init)
        case .costSource: return Int64(r.costSource.rawValue)
        default: return nil
        }
    }

    static func keep(_ p: RowFilter, _ r: UsageRecord) -> Bool {
        switch p {
        case let .oneOf(d, values):
            if d.isString { return string(d, r).map { values.contains(.string($0)) } ?? false }
            return int(d, r).map { values.contains(.int($0)) } ?? false
        case let .prefix(d, prefix):
            guard d.isString, let s = string(d, r) else { return false }
            return Array(s.utf8).starts(with: Array(prefix.utf8))
        case let .isNull(d): return d.isString ? string(d, r) == nil : int(d, r) == nil
        case let .isNotNull(d): return d.isString ? string(d, r) != nil : int(d, r) != nil
        case let .ts(range): return range.contains(r.ts)
        case let .date(range): return range.contains(r.day)
        case let .quantity(range): return range.contains(r.quantity)
        case let .cost(range): return range.contains(r.costNanos!)
        case .tokenUnits: return r.unit.hasSuffix("_tokens")
        }
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { Int64((Double(a) / Double(b)).rounded(.down)) }

    static func key(_ k: GroupKey, _ r: UsageRecord, zone: TimeZone) -> KeyValue {
        switch k {
        case let .dimension(d):
            if d.isString { return string(d, r).map { .string($0) } ?? .null }
            return int(d, r).map { .int($0) } ?? .null
        case .date: return .date(r.day)
        case let .time(bucket):
            let local = r.ts + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(r.ts) / 1000))) * 1000
            let day = Int32(floorDiv(local, 86_400_000))
            switch bucket {
            case .hour: return .localTime(floorDiv(local, 3_600_000) * 3_600_000)
            case .day: return .date(day)
            case .week:
                let sinceMonday = ((Int(day) + 3) % 7 + 7) % 7  // 1970-01-01 was a Thursday
                return .date(day - Int32(sinceMonday))
            case .month:
                let c = CivilDate.civil(fromDayNumber: day)
                return .date(CivilDate.dayNumber(year: c.year, month: c.month, day: 1))
            }
        }
    }

    static func quantile(_ q: Double, _ values: [Double]) -> AggregateValue {
        guard !values.isEmpty else { return .null }
        let s = values.sorted()
        let pos = q * Double(s.count - 1)
        let lo = Int(pos.rounded(.down)), hi = Int(pos.rounded(.up))
        return .double(lo == hi ? s[lo] : s[lo] + (pos - Double(lo)) * (s[hi] - s[lo]))
    }

    static func aggregate(_ a: Aggregate, _ rows: [UsageRecord]) -> AggregateValue {
        func values(_ m: Measure) -> [Double] {
            switch m {
            case .quantity: return rows.map(\.quantity)
            case .cost: return rows.map { Double($0.costNanos!) }
            case .durationMs: return rows.compactMap(\.durationMs).map(Double.init)
            }
        }
        switch a {
        case .count: return .int(Int64(rows.count))
        case let .sum(m):
            switch m {
            case .quantity: return rows.isEmpty ? .null : .double(rows.reduce(0) { $0 + $1.quantity })
            case .cost: return rows.isEmpty ? .null : .exact(rows.reduce(Int128(0)) { $0 + Int128($1.costNanos!) })
            case .durationMs:
                let d = rows.compactMap(\.durationMs)
                return d.isEmpty ? .null : .exact(d.reduce(Int128(0)) { $0 + Int128($1) })
            }
        case let .avg(m):
            switch m {
            case .quantity: return rows.isEmpty ? .null : .double(rows.reduce(0) { $0 + $1.quantity } / Double(rows.count))
            case .cost: return rows.isEmpty ? .null : .double(Double(rows.reduce(Int128(0)) { $0 + Int128($1.costNanos!) }) / Double(rows.count))
            case .durationMs:
                let d = rows.compactMap(\.durationMs)
                return d.isEmpty ? .null : .double(Double(d.reduce(Int128(0)) { $0 + Int128($1) }) / Double(d.count))
            }
        case let .min(m):
            switch m {
            case .quantity: return rows.map(\.quantity).min().map { .double($0) } ?? .null
            case .cost: return rows.map { $0.costNanos! }.min().map { .int($0) } ?? .null
            case .durationMs: return rows.compactMap(\.durationMs).min().map { .int($0) } ?? .null
            }
        case let .max(m):
            switch m {
            case .quantity: return rows.map(\.quantity).max().map { .double($0) } ?? .null
            case .cost: return rows.map { $0.costNanos! }.max().map { .int($0) } ?? .null
            case .durationMs: return rows.compactMap(\.durationMs).max().map { .int($0) } ?? .null
            }
        case let .countDistinct(d):
            if d.isString { return .int(Int64(Set(rows.compactMap { string(d, $0) }).count)) }
            return .int(Int64(Set(rows.compactMap { int(d, $0) }).count))
        case let .quantile(m, q): return quantile(q, values(m))
        }
    }

    static func run(_ q: AggregateQuery, _ records: [UsageRecord]) -> [ResultRow] {
        let kept = records.filter { r in q.filters.allSatisfy { keep($0, r) } }
        var groups = [[KeyValue]: [UsageRecord]]()
        for r in kept { groups[q.groupBy.map { key($0, r, zone: q.timeZone) }, default: []].append(r) }
        if q.groupBy.isEmpty && groups.isEmpty { groups[[]] = [] }
        var rows = groups.map { k, rs in ResultRow(keys: k, values: q.aggregates.map { aggregate($0, rs) }) }
        rows.sort { a, b in
            for t in q.orderBy {
                let (x, y): (AnyHashable, AnyHashable)
                switch t.target {
                case let .key(i):
                    if a.keys[i] == b.keys[i] { continue }
                    if a.keys[i] == .null { return false }
                    if b.keys[i] == .null { return true }
                    return t.descending ? b.keys[i] < a.keys[i] : a.keys[i] < b.keys[i]
                case let .aggregate(i):
                    x = a.values[i]; y = b.values[i]
                    if x == y { continue }
                    if a.values[i] == .null { return false }
                    if b.values[i] == .null { return true }
                    let l = a.values[i].doubleValue!, r = b.values[i].doubleValue!
                    if l == r { continue }
                    return t.descending ? l > r : l < r
                }
            }
            return a.keys.lexicographicallyPrecedes(b.keys)
        }
        if let limit = q.limit, rows.count > limit { rows = Array(rows.prefix(limit)) }
        return rows
    }
}
