#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TallySystem
import TallyFormat
import TallyStore

/// A query analysed once before any part is read: pruning bounds, per-column predicate
/// lists, which accumulators the aggregates need, and whether rollups may answer it.
struct QueryPlan: Sendable {
    enum KeyKind: Sendable {
        case string(Column)
        case project
        case int(Column)
        case date
        case time(TimeBucket)
    }

    let query: AggregateQuery
    var keys: [KeyKind] = []
    /// Nothing can match (contradictory ranges or an impossible predicate).
    var empty = false
    /// Projects named by `oneOf(.projectId)` (nil = any).
    var projects: Set<String>? = nil
    var projectPredicates: [RowFilter] = []
    var days: ClosedRange<Int32>? = nil
    var tsLo = Int64.min, tsHi = Int64.max
    var qLo = -Double.infinity, qHi = Double.infinity
    var cLo = Int64.min, cHi = Int64.max
    var stringPredicates: [(Column, RowFilter)] = []
    var intPredicates: [(Column, RowFilter)] = []

    var needQSum = false, needCSum = false
    var needQMin = false, needQMax = false, needCMin = false, needCMax = false
    var needDuration = false
    var distinct: [UsageDimension] = []
    var quantiles: [Measure] = []
    /// The rollups that can answer the query as far as its keys, filters and aggregates
    /// go (the engine still checks the time zone against time-bucket keys).
    var rollups: Set<RollupBatch.Kind> = [.hourly, .daily, .dailyCoarse, .runs]
    /// What the store's scan prunes parts, row groups and runs by (see `ScanBounds`).
    var bounds = ScanBounds()

    var hasTsFilter: Bool { tsLo != Int64.min || tsHi != Int64.max }
    var hasQuantityFilter: Bool { qLo > -Double.infinity || qHi < Double.infinity }
    var hasCostFilter: Bool { cLo != Int64.min || cHi != Int64.max }

    /// The dimensions each rollup keeps (its codes, plus the part's project).
    static func rollups(serving d: UsageDimension) -> Set<RollupBatch.Kind> {
        switch d {
        case .service, .unit, .modelId: return [.hourly, .daily, .dailyCoarse]
        case .toolId, .stepType: return [.hourly, .daily]
        case .runId, .userId, .personaId: return [.runs]
        case .projectId: return [.hourly, .daily, .dailyCoarse, .runs]
        default: return []
        }
    }

    /// Whether a ts bound falls on a multiple of `unit` (an inclusive upper bound: the
    /// instant after it does); unbounded sides always do.
    static func isAligned(_ r: ClosedRange<Int64>, to unit: Int64) -> Bool {
        (r.lowerBound == Int64.min || ZoneOffsets.floorDiv(r.lowerBound, unit) * unit == r.lowerBound)
            && (r.upperBound == Int64.max || ZoneOffsets.floorDiv(r.upperBound + 1, unit) * unit == r.upperBound + 1)
    }

    init(_ query: AggregateQuery) throws(ExecutionError) {
        self.query = query
        for key in query.groupBy {
            switch key {
            case let .dimension(d):
                if d == .projectId { keys.append(.project) }
                else if d.isString { keys.append(.string(d.column!)) }
                else if d == .durationMs { throw .unsupported("grouping by duration_ms (group by a bucket of it in the front end)") }
                else { keys.append(.int(d.column!)) }
                rollups.formIntersection(QueryPlan.rollups(serving: d))
            case .date: keys.append(.date)
            case let .time(b):
                keys.append(.time(b))
                if b == .hour { rollups.subtract([.runs, .daily, .dailyCoarse]) }
            }
        }
        for f in query.filters {
            switch f {
            case let .oneOf(d, values):
                if d == .projectId {
                    let names = Set(values.compactMap { if case let .string(s) = $0 { return s } else { return nil } })
                    projects = projects.map { $0.intersection(names) } ?? names
                    projectPredicates.append(f)
                } else if d.isString { stringPredicates.append((d.column!, f)) }
                else { intPredicates.append((d.column!, f)) }
                rollups.formIntersection(QueryPlan.rollups(serving: d))
            case let .prefix(d, _), let .isNull(d), let .isNotNull(d):
                if d == .projectId { projectPredicates.append(f) }
                else if d.isString { stringPredicates.append((d.column!, f)) }
                else if case .prefix = f { empty = true }
                else { intPredicates.append((d.column!, f)) }
                rollups.formIntersection(QueryPlan.rollups(serving: d))
            case .tokenUnits:
                stringPredicates.append((.unit, f))
                rollups.formIntersection(QueryPlan.rollups(serving: .unit))
            case let .ts(r):
                tsLo = Swift.max(tsLo, r.lowerBound)
                tsHi = Swift.min(tsHi, r.upperBound)
                if !QueryPlan.isAligned(r, to: ZoneOffsets.hourMs) { rollups.remove(.hourly) }
                if !QueryPlan.isAligned(r, to: CivilDate.millisecondsPerDay) { rollups.subtract([.runs, .daily, .dailyCoarse]) }
            case let .date(r):
                intersectDays(r)
            case let .quantity(r):
                qLo = Swift.max(qLo, r.lowerBound)
                qHi = Swift.min(qHi, r.upperBound)
                rollups = []
            case let .cost(r):
                cLo = Swift.max(cLo, r.lowerBound)
                cHi = Swift.min(cHi, r.upperBound)
                rollups = []
            }
        }
        if tsLo > tsHi || qLo > qHi || cLo > cHi { empty = true }
        if hasTsFilter && !empty {
            intersectDays(CivilDate.dayNumber(forMilliseconds: tsLo)...CivilDate.dayNumber(forMilliseconds: tsHi))
        }
        if !empty {
            bounds.days = days
            bounds.ts = tsLo...tsHi
            bounds.quantity = qLo...qHi
            bounds.cost = cLo...cHi
            // Cost source is kept as an integer column without row-group statistics worth
            // pruning by.
            for (column, p) in intPredicates where column != .costSource {
                switch p {
                case .isNull: bounds.integers.append((column, .isNull))
                case .isNotNull: bounds.integers.append((column, .isNotNull))
                case let .oneOf(_, values):
                    bounds.integers.append((column, .oneOf(values.compactMap { if case let .int(v) = $0 { return v } else { return nil } })))
                default: break
                }
            }
        }
        for a in query.aggregates {
            switch a {
            case .count: break
            case let .sum(m), let .avg(m):
                switch m {
                case .quantity: needQSum = true; rollups.remove(.runs)  // the run rollup keeps no quantities
                case .cost: needCSum = true
                case .durationMs: needDuration = true; rollups = []
                }
            case let .min(m):
                rollups = []
                switch m { case .quantity: needQMin = true; case .cost: needCMin = true; case .durationMs: needDuration = true }
            case let .max(m):
                rollups = []
                switch m { case .quantity: needQMax = true; case .cost: needCMax = true; case .durationMs: needDuration = true }
            case let .countDistinct(d):
                rollups.formIntersection(QueryPlan.rollups(serving: d))
                if !distinct.contains(d) { distinct.append(d) }
            case let .quantile(m, q):
                guard q >= 0 && q <= 1 else { throw .invalidArgument("quantile \(q) is outside 0...1") }
                rollups = []
                if !quantiles.contains(m) { quantiles.append(m) }
            }
        }
    }

    private mutating func intersectDays(_ r: ClosedRange<Int32>) {
        guard let d = days else { days = r; return }
        let lo = Swift.max(d.lowerBound, r.lowerBound), hi = Swift.min(d.upperBound, r.upperBound)
        if lo > hi { empty = true; days = d } else { days = lo...hi }
    }

    /// Whether a string value satisfies a string predicate.
    static func matches(_ p: RowFilter, _ s: String?) -> Bool {
        switch p {
        case let .oneOf(_, values):
            guard let s else { return false }
            return values.contains(.string(s))
        case let .prefix(_, prefix):
            guard let s else { return false }
            return s.utf8.starts(with: prefix.utf8)
        case .isNull: return s == nil
        case .isNotNull: return s != nil
        case .tokenUnits:
            guard let s else { return false }
            return TokenClass.isTokenUnit(s)
        default: return true
        }
    }

    /// Whether a part's project satisfies the project predicates.
    func matchesProject(_ project: String) -> Bool {
        projectPredicates.allSatisfy { QueryPlan.matches($0, project) }
    }

    /// The dictionary codes (index + 1) that satisfy `p`, as a mask with slot 0 for
    /// null: binary search for values and prefixes when `d` is sorted by UTF-8 bytes (a
    /// part's dictionaries are), one test per value otherwise (an hourly rollup's own
    /// tables are in insertion order).
    static func mask(_ p: RowFilter, dictionary d: [String], sorted: Bool = true) -> [UInt8] {
        guard sorted else { return (0...d.count).map { matches(p, $0 == 0 ? nil : d[$0 - 1]) ? 1 : 0 } }
        var m = [UInt8](repeating: 0, count: d.count + 1)
        // Byte comparisons through memcmp on the strings' own storage: the generic
        // UTF8View comparison was a quarter of a 100-run lookup, and copying the strings
        // to reach their bytes (a retain and a release each) two thirds of what was left.
        func lowerBound(_ key: String) -> (index: Int, found: Bool) {
            func search(_ compare: (String) -> Int) -> (index: Int, found: Bool) {
                var lo = 0, hi = d.count
                var found = false
                while lo < hi {
                    let mid = (lo + hi) / 2
                    let c = compare(d[mid])
                    if c < 0 { lo = mid + 1 } else { hi = mid; found = c == 0 }
                }
                return (lo, found && lo < d.count)
            }
            return key.utf8.withContiguousStorageIfAvailable { k in search { Self.compareBytes($0, k) } }
                ?? search { StringDictionary.compareUTF8($0, key) }
        }
        switch p {
        case let .oneOf(_, values):
            for case let .string(s) in values {
                let (i, found) = lowerBound(s)
                if found { m[i + 1] = 1 }
            }
        case let .prefix(_, prefix):
            var i = lowerBound(prefix).index
            while i < d.count && d[i].utf8.starts(with: prefix.utf8) { m[i + 1] = 1; i += 1 }
        default:
            for i in 0...d.count { m[i] = matches(p, i == 0 ? nil : d[i - 1]) ? 1 : 0 }
        }
        return m
    }

    /// `StringDictionary.compareUTF8` of `a` with the bytes `b`, without copying `a`
    /// when it is native (contiguous UTF-8), as dictionary entries are.
    @inline(__always)
    static func compareBytes(_ a: String, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        a.utf8.withContiguousStorageIfAvailable { x in
            let n = Swift.min(x.count, b.count)
            let c = n == 0 ? 0 : Int(memcmp(x.baseAddress!, b.baseAddress!, n))
            return c != 0 ? c : x.count - b.count
        } ?? StringDictionary.compareUTF8(a, String(decoding: b, as: UTF8.self))
    }

    /// Whether an integer (nil = null) satisfies an integer predicate.
    static func matches(_ p: RowFilter, int v: Int64?) -> Bool {
        switch p {
        case let .oneOf(_, values):
            guard let v else { return false }
            return values.contains(.int(v))
        case .isNull: return v == nil
        case .isNotNull: return v != nil
        default: return false
        }
    }
}

extension QueryEngine {
    /// The days `query`'s date and ts filters leave, as its scan prunes by them (nil: every
    /// day, or none at all when the filters contradict each other).
    package static func scannedDays(_ query: AggregateQuery) -> ClosedRange<Int32>? {
        guard let plan = try? QueryPlan(query), !plan.empty else { return nil }
        return plan.days
    }

    /// The rollups that can answer `query` (empty when every part would be read row by row).
    package static func rollupKinds(_ query: AggregateQuery) -> Set<RollupBatch.Kind> {
        guard let plan = try? QueryPlan(query), !plan.empty else { return [] }
        return plan.rollups
    }

    /// Whether the store's rollups can answer `query` (on parts that carry them), so that
    /// running it here beats a scan of its rows; false when every part would be read row
    /// by row. A query that can match nothing counts as answerable (it reads nothing).
    package static func rollupsMayAnswer(_ query: AggregateQuery) -> Bool {
        guard let plan = try? QueryPlan(query) else { return false }
        return plan.empty || !plan.rollups.isEmpty
    }
}
