import Foundation

/// The rollup rule: a query whose whole shape the store's aggregation engine answers (a
/// conjunction of column filters, keys that are columns or date_trunc of ts,
/// count/sum/min/max/avg/median/quantile_cont) is handed to that engine, which reads
/// rollups and scans in code space. It applies to any single-table SELECT of a statement:
/// the whole statement, or a CTE's, derived table's, set operation side's or subquery's.
enum RollupRule {
    /// Whether the rule may apply: asked for, and not turned off by TALLY_ROLLUP_RULE=0
    /// (benchmarks of the operators alone).
    static func enabled(_ requested: Bool) -> Bool {
        requested && ProcessInfo.processInfo.environment["TALLY_ROLLUP_RULE"] != "0"
    }

    /// `bound` with its plan replaced by the aggregation engine's when the engine takes
    /// `select` (it refuses any other shape, and then the operators run it).
    static func apply(_ bound: inout BoundQuery, _ select: SyntaxSelect, _ sql: String) {
        guard select.isPlainUsageQuery else { return }
        let utf8 = Array(sql.utf8)
        guard select.range.offset >= 0, select.range.offset < utf8.count else { return }
        let text = String(decoding: utf8[select.range.offset..<min(select.range.end, utf8.count)], as: UTF8.self)
        if let prepared = try? SQLBinder.prepare(text), prepared.columns.count == bound.names.count, prepared.isPlainAggregate {
            bound.plan = .storeAggregate(prepared, types: bound.types)
        }
    }
}
