/// What `Store.repairManifest` did: where the new manifest came from, what it holds, and
/// what could not be recovered.
package struct ManifestRecovery: Sendable, CustomStringConvertible {
    /// Where the rebuilt manifest came from.
    package enum Source: Sendable, Equatable {
        /// `MANIFEST.copy`, intact and listing only files that exist: nothing was lost.
        case copy(generation: UInt64)
        /// The footers of the part files (the copy was damaged, missing or stale).
        case partFiles
    }

    /// Where the manifest came from.
    package var source: Source
    /// Why the manifest could not be used.
    package var damage: String
    /// Parts the new manifest lists.
    package var parts = 0
    /// Rows in them.
    package var rows = 0
    /// Part files left out because a later part (a merge, a rewrite) replaced them.
    package var superseded: [String] = []
    /// Part files left out because their bytes are damaged; moved to `quarantine/`.
    package var quarantined: [String] = []
    /// Part files the copy did not list (left by interrupted writes); left for
    /// `collectOrphans`.
    package var unlisted: [String] = []
    /// Part files written before parts recorded what they replaced: if one of them had
    /// been replaced and its file survived, its rows are counted twice.
    package var withoutLineage = 0
    /// What the manifest held that is gone, in words (empty: nothing).
    package var lost: [String] = []

    package var description: String {
        var lines: [String] = []
        switch source {
        case .copy(let generation):
            lines.append("manifest rebuilt from MANIFEST.copy (generation \(generation)); it was damaged: \(damage)")
        case .partFiles:
            lines.append("manifest rebuilt from the part files' footers; it was damaged: \(damage)")
        }
        lines.append("recovered: \(parts) parts, \(rows) rows")
        if !superseded.isEmpty { lines.append("left out \(superseded.count) part files replaced by later parts (deleted by the next compaction)") }
        if !unlisted.isEmpty { lines.append("left out \(unlisted.count) part files no commit published (deleted by the next compaction)") }
        for q in quarantined { lines.append("quarantined damaged part file \(q)") }
        if withoutLineage > 0 {
            lines.append("\(withoutLineage) parts predate lineage records: had any of them been replaced with its file left behind, its rows would now count twice")
        }
        for l in lost { lines.append("lost: \(l)") }
        return lines.joined(separator: "\n")
    }
}
