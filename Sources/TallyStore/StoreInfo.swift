import TallySystem
import TallyFormat
/// What a store holds, per project: the figures behind `tally info`.
package struct StoreInfo: Sendable {
    /// One project's figures.
    package struct Project: Sendable {
        /// The project id.
        package var projectId: String
        /// Distinct (project, month) partitions.
        package var partitions: Int
        /// Part files.
        package var parts: Int
        /// Rows.
        package var rows: Int
        /// Bytes of part files on disk.
        package var bytes: Int
        /// Bytes of the encoded column data before block compression.
        package var encodedBytes: Int
        /// The first day with data.
        package var firstDay: Int32
        /// The last day with data.
        package var lastDay: Int32
    }

    /// Per project, sorted by project id.
    package var projects: [Project]
    /// The manifest's generation (commits so far).
    package var generation: UInt64
    /// Stored bytes per column (dictionaries included), by column name; footers and
    /// rollups under "(hourly rollup)", "(daily rollup)" and "(run rollup)", and the rest of the file
    /// (footer, trailer, magic) under "(footer)".
    package var columnBytes: [String: Int] = [:]
    /// Parts whose footer could not be read: their rows, bytes and days are counted from
    /// the manifest, their column bytes are not. `tally verify` tells more.
    package var damagedParts: [DamagedPart] = []

    /// A part whose footer could not be read, and why.
    package struct DamagedPart: Sendable {
        /// The part file's path, relative to the store folder.
        package var path: String
        /// What reading its footer reported.
        package var error: String
    }

    /// Total rows.
    package var rows: Int { projects.reduce(0) { $0 + $1.rows } }
    /// Total bytes on disk in part files.
    package var bytes: Int { projects.reduce(0) { $0 + $1.bytes } }
    /// Total parts.
    package var parts: Int { projects.reduce(0) { $0 + $1.parts } }
    /// Total partitions.
    package var partitions: Int { projects.reduce(0) { $0 + $1.partitions } }
    /// Encoded bytes / stored bytes: what the block codec saves on top of the encodings.
    package var codecRatio: Double {
        let e = projects.reduce(0) { $0 + $1.encodedBytes }
        return bytes == 0 ? 1 : Double(e) / Double(bytes)
    }
}

extension Snapshot {
    /// Summarises the snapshot. Reads each part's footer (not its data); a part whose
    /// footer cannot be read is listed in `damagedParts` and the others are still counted,
    /// so one damaged file does not hide what the rest of the store holds.
    package func info() throws -> StoreInfo {
        var byProject = [String: (StoreInfo.Project, Set<Int32>)]()
        var columnBytes = [String: Int]()
        var damaged = [StoreInfo.DamagedPart]()
        for p in parts {
            let e = p.entry
            var encoded = 0
            do {
                encoded = try Self.addColumnBytes(of: p, to: &columnBytes)
            } catch {
                damaged.append(StoreInfo.DamagedPart(path: e.relativePath, error: "\(error)"))
            }
            var (info, months) = byProject[e.projectId] ?? (
                StoreInfo.Project(projectId: e.projectId, partitions: 0, parts: 0, rows: 0, bytes: 0, encodedBytes: 0,
                                  firstDay: e.minDay, lastDay: e.maxDay), [])
            months.insert(e.monthKey)
            info.parts += 1
            info.rows += e.rowCount
            info.bytes += e.fileSize
            info.encodedBytes += encoded
            info.firstDay = min(info.firstDay, e.minDay)
            info.lastDay = max(info.lastDay, e.maxDay)
            info.partitions = months.count
            byProject[e.projectId] = (info, months)
        }
        var info = StoreInfo(
            projects: byProject.values.map(\.0).sorted { $0.projectId < $1.projectId },
            generation: manifest.generation, columnBytes: columnBytes)
        info.damagedParts = damaged
        return info
    }

    /// Adds a part's stored bytes per column to `columnBytes` from its footer and returns
    /// its encoded (pre-codec) bytes. Throws, adding nothing, when the footer is unreadable.
    private static func addColumnBytes(of p: PartHandle, to columnBytes: inout [String: Int]) throws -> Int {
        let e = p.entry
        let footer = try p.reader().footer
        var encoded = footer.dictionaries.compactMap { $0?.rawLength }.reduce(0, +)
        for g in footer.rowGroups { encoded += g.chunks.compactMap { $0?.blob.rawLength }.reduce(0, +) }
        var accounted = 0
        var partBytes = [String: Int]()
        for c in Column.allCases {
            var n = footer.dictionaries[Int(c.rawValue)]?.storedLength ?? 0
            for g in footer.rowGroups { n += g.chunk(c)?.blob.storedLength ?? 0 }
            partBytes[c.name, default: 0] += n
            accounted += n
        }
        for (kind, blob) in footer.sections {
            let name = kind == HourlyRollup.sectionKind ? "(hourly rollup)"
                : kind == HourlyRollup.dailySectionKind || kind == HourlyRollup.coarseDailySectionKind ? "(daily rollup)"
                : kind == RunRollup.sectionKind ? "(run rollup)"
                : kind == RunIndex.sectionKind ? "(run index)" : "(other sections)"
            partBytes[name, default: 0] += blob.storedLength
            accounted += blob.storedLength
        }
        partBytes["(footer)", default: 0] += e.fileSize - accounted
        columnBytes.merge(partBytes, uniquingKeysWith: +)
        return encoded
    }
}
