import TallySystem
import TallyFormat
/// A consistent, immutable view of the store: the parts of one committed manifest.
///
/// Taking a snapshot is cheap (a reference to the current version). Appends, flushes
/// and compactions that commit later do not change what a snapshot sees.
package final class Snapshot: Sendable {
    /// The manifest this snapshot reflects.
    package let manifest: Manifest
    /// The live parts, in manifest order.
    package let parts: [PartHandle]
    private let byProject: [String: [Int]]

    init(manifest: Manifest, parts: [PartHandle]) {
        self.manifest = manifest
        self.parts = parts
        var index = [String: [Int]]()
        for (i, p) in parts.enumerated() { index[p.entry.projectId, default: []].append(i) }
        byProject = index
    }

    /// The project ids with data, sorted.
    package var projectIds: [String] { byProject.keys.sorted() }

    /// Total rows in the snapshot.
    package var rowCount: Int { parts.reduce(0) { $0 + $1.entry.rowCount } }

    /// The parts that may hold rows of `project` (nil = every project) on days in
    /// `days` (nil = all days), chosen from the manifest alone: no file is opened.
    package func parts(project: String?, days: ClosedRange<Int32>?) -> [PartHandle] {
        let candidates: [PartHandle]
        if let project {
            candidates = (byProject[project] ?? []).map { parts[$0] }
        } else {
            candidates = parts
        }
        guard let days else { return candidates }
        return candidates.filter { $0.entry.maxDay >= days.lowerBound && $0.entry.minDay <= days.upperBound }
    }

    /// Scans `columns` of the rows of `project` (nil = all) on `days` (nil = all), one
    /// decoded row group at a time, through the same pruning as the query engine's scans. `body` receives the part's reader, the batch and the
    /// rows of the batch to use.
    package func scan(
        project: String?, days: ClosedRange<Int32>?, columns: Set<Column>, batch: ColumnBatch = ColumnBatch(),
        _ body: (PartReader, ColumnBatch, Range<Int>) throws -> Void
    ) throws {
        var bounds = ScanBounds()
        bounds.days = days
        for handle in parts(project: project, days: days) {
            let reader = try handle.reader()
            for range in try reader.scanRanges(within: bounds, masks: [], useRunIndex: false, batch: batch).ranges {
                try reader.scan(columns: columns, rows: range.rows, batch: batch) { b, r in try body(reader, b, r) }
            }
        }
    }
}
