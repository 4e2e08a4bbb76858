import TallyFormat
import TallyStore

/// Whether the store's rollups are worth reading for a statement on this snapshot's data.
///
/// A rollup replaces the rows it summarises only when it is much smaller: on data recorded
/// once per agent step (a few rows per run-hour), the hourly rollup holds about a quarter
/// as many cells as rows, and the aggregation engine reading it was 0.3x DuckDB's speed
/// where the operators over resident columns were several times faster. So the statement
/// runs on the rollups only when, on a sample of the parts it reads (the largest, up to
/// 16), the rollup it would use holds at most a tenth as many cells as rows (the bar
/// issue 22 sets for writing a rollup at all). The sample's rollups are decoded once and
/// kept by their parts' readers, as the engine's own reads keep them.
enum RollupCost {
    /// Cells per row at most for a rollup to pay.
    static let maximumCellShare = 0.1
    /// Parts sampled.
    static let sampleParts = 16

    static func pays(_ prepared: SQLPreparedQuery, _ snapshot: Snapshot) -> Bool {
        let kinds = prepared.rollupKinds
        if kinds.isEmpty { return false }
        var parts = snapshot.parts
        if let projects = prepared.filteredProjects { parts = parts.filter { projects.contains($0.entry.projectId) } }
        if parts.isEmpty { return true }
        let sample = parts.sorted { $0.entry.rowCount > $1.entry.rowCount }.prefix(sampleParts)
        var rows = 0, cells = 0
        for handle in sample {
            guard let reader = try? handle.reader() else { return true }
            // The engine reads, per part, the usable rollup with fewer cells.
            var best: Int? = nil
            for kind in kinds {
                if let r = try? reader.rollupBatch(kind) { best = min(best ?? Int.max, r.batch.rowCount) }
            }
            rows += handle.entry.rowCount
            cells += best ?? handle.entry.rowCount
        }
        return Double(cells) <= maximumCellShare * Double(rows)
    }
}
