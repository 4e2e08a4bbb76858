import TallySystem
import TallyFormat

/// Small partitions of one project share a part.
///
/// A store is partitioned by (project, UTC month), but most projects of a real store are
/// small: on data of 200 Zipf-sized projects over two years, 1M rows made 3,625 parts of
/// 276 rows on average, and a part's fixed cost (footer, a dictionary and a compressed
/// chunk per column, statistics) was more than half of its bytes. So a project's months
/// that hold fewer than `rows` rows are written together, in month order, into parts of
/// at most `rows` rows; a month that grows past it gets parts of its own again (the
/// monthly merges of `Store.compact` take over).
///
/// Nothing reads a part by its month: the manifest lists each part's first and last day,
/// queries prune parts by those and rows by the part's day index, and the rows of a part
/// are sorted by (day, run, time) over all its days. A part's `monthKey` is its first
/// month, which names its file.
///
/// Why 65,536 rows: four of the 16,384-row groups parts are written in, so a query for
/// one day of a small project still decodes at most one group per column, while the part's
/// fixed cost is spread over enough rows to be a few percent of its bytes.
package enum PartSpans {
    /// Rows below which a project's months share parts, and the most a shared part holds.
    package static let rows = 4 * PartFormat.writtenRowGroupSize

    /// `buffers` with the small months of each project combined, in month order, into
    /// buffers of at most `limit` rows; large months are returned as they are.
    package static func combine(_ buffers: [RowBuffer], limit rows: Int = rows) -> [RowBuffer] {
        guard rows > 0 else { return buffers }
        var out = [RowBuffer]()
        var small = [String: [Int]]()
        for (i, b) in buffers.enumerated() where b.count > 0 {
            if b.count >= rows { out.append(b) } else { small[b.projectId, default: []].append(i) }
        }
        for project in small.keys.sorted() {
            let months = small[project]!.sorted { buffers[$0].monthKey < buffers[$1].monthKey }
            var group = [Int]()
            var groupRows = 0
            func close() {
                if group.count == 1 {
                    out.append(buffers[group[0]])
                } else if group.count > 1 {
                    var combined = RowBuffer(projectId: project, monthKey: buffers[group[0]].monthKey)
                    for i in group { combined.append(contentsOf: buffers[i]) }
                    out.append(combined)
                }
                group.removeAll()
                groupRows = 0
            }
            for i in months {
                if groupRows + buffers[i].count > rows { close() }
                group.append(i)
                groupRows += buffers[i].count
            }
            close()
        }
        return out
    }
}
