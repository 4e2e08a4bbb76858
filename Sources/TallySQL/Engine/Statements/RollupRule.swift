import Foundation

/// The rollup rule: a query whose whole shape the store's aggregation engine answers (a
/// conjunction of column filters, keys that are columns or date_trunc of ts,
/// count/sum/min/max/avg/median/quantile_cont) is handed to that engine, which reads
/// rollups and scans in code space. It applies to any single-table SELECT of a statement:
/// the whole statement, or a CTE's, derived table's, set operation side's or subquery's.
enum RollupRule {
    /// When the rule may apply: as asked, unless TALLY_ROLLUP_RULE=0 turns it off
    /// (benchmarks of the operators alone).
    static func enabled(_ requested: SQLQuery.RuleMode) -> SQLQuery.RuleMode {
        ProcessInfo.processInfo.environment["TALLY_ROLLUP_RULE"] == "0" ? .off : requested
    }

    /// `bound` with its plan replaced by the aggregation engine's when the engine takes
    /// `select` (it refuses any other shape, and then the operators run it) and, unless
    /// `mode` is `.always`, its rollups can answer it: a statement the engine would answer
    /// by reading rows runs on the operators, over resident columns, unless the resident
    /// cache is off.
    static func apply(_ bound: inout BoundQuery, _ select: SyntaxSelect, _ sql: String, mode: SQLQuery.RuleMode) {
        guard mode != .off else { return }
        guard select.isPlainUsageQuery else { return }
        let utf8 = Array(sql.utf8)
        guard select.range.offset >= 0, select.range.offset < utf8.count else { return }
        let text = String(decoding: utf8[select.range.offset..<min(select.range.end, utf8.count)], as: UTF8.self)
        if let prepared = try? SQLBinder.prepare(text), prepared.columns.count == bound.names.count, prepared.isPlainAggregate,
           mode == .always || prepared.rollupsMayAnswer || prepared.filtersRunIndex || !ResidentCache.shared.isEnabled {
            // The operators' plan stays beside it: run instead when the data's rollups
            // are too large to pay (decided per snapshot, `RollupCost`).
            bound.plan = .storeAggregate(prepared, types: bound.types, operators: mode == .always ? nil : bound.plan)
        }
    }
}
