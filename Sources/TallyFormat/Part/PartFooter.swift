import TallySystem
/// The footer of a part file: everything a reader needs to plan a scan without
/// touching the column data.
///
/// Encoded as: version, project id, month key, row count, min ts, max ts, day count and
/// per day (day number, first row, row count), the string-column dictionaries (column id
/// + BlobRef each), row-group count and per row group (first row, row count, then per
/// stored column: column id, BlobRef, null count, min, max), and extra sections (kind +
/// BlobRef; rollups live there).
package struct PartFooter: Sendable {
    /// The rows of one UTC day inside the part.
    package struct DayRange: Sendable, Hashable {
        /// Days since 1970-01-01.
        package var day: Int32
        /// The first row of the day.
        package var firstRow: Int
        /// How many rows the day has.
        package var rowCount: Int
    }

    /// One column's chunk inside one row group.
    package struct ChunkMeta: Sendable, Hashable {
        /// Where the encoded chunk is.
        package var blob: BlobRef
        /// Rows whose value is null.
        package var nullCount: Int
        /// Smallest value (string columns: smallest non-null code; quantity: bit pattern).
        package var min: Int64
        /// Largest value.
        package var max: Int64
    }

    /// A horizontal slice of the part.
    package struct RowGroup: Sendable {
        /// The first row of the group within the part.
        package var firstRow: Int
        /// Rows in the group.
        package var rowCount: Int
        /// One chunk per stored column, indexed by `Column.rawValue`.
        package var chunks: [ChunkMeta?]

        /// The chunk of `column`.
        package func chunk(_ column: Column) -> ChunkMeta? { chunks[Int(column.rawValue)] }
    }

    /// The project all rows belong to.
    package var projectId: String
    /// The month (year * 12 + month - 1) all rows fall in.
    package var monthKey: Int32
    /// Total rows.
    package var rowCount: Int
    /// Smallest ts.
    package var minTs: Int64
    /// Largest ts.
    package var maxTs: Int64
    /// Row ranges per day, ascending by day.
    package var days: [DayRange]
    /// The dictionary blob of each string column, indexed by `Column.rawValue`.
    package var dictionaries: [BlobRef?]
    /// The row groups, in row order.
    package var rowGroups: [RowGroup]
    /// Extra sections by kind (for example rollups).
    package var sections: [UInt8: BlobRef]

    static let columnSlots = Int(Column.allCases.map(\.rawValue).max()!) + 1

    func encoded() -> [UInt8] {
        var w = ByteWriter(capacity: 1024)
        w.writeVarUInt(PartFormat.footerVersion)
        w.writeString(projectId)
        w.writeVarInt(Int64(monthKey))
        w.writeVarUInt(UInt64(rowCount))
        w.writeVarInt(minTs)
        w.writeVarInt(maxTs)
        w.writeVarUInt(UInt64(days.count))
        for d in days {
            w.writeVarInt(Int64(d.day))
            w.writeVarUInt(UInt64(d.firstRow))
            w.writeVarUInt(UInt64(d.rowCount))
        }
        let dicts = dictionaries.enumerated().compactMap { i, b in b.map { (i, $0) } }
        w.writeVarUInt(UInt64(dicts.count))
        for (i, b) in dicts {
            w.write(UInt8(i))
            b.write(to: &w)
        }
        w.writeVarUInt(UInt64(rowGroups.count))
        for g in rowGroups {
            w.writeVarUInt(UInt64(g.firstRow))
            w.writeVarUInt(UInt64(g.rowCount))
            let chunks = g.chunks.enumerated().compactMap { i, c in c.map { (i, $0) } }
            w.writeVarUInt(UInt64(chunks.count))
            for (i, c) in chunks {
                w.write(UInt8(i))
                c.blob.write(to: &w)
                w.writeVarUInt(UInt64(c.nullCount))
                w.writeVarInt(c.min)
                w.writeVarInt(c.max)
            }
        }
        w.writeVarUInt(UInt64(sections.count))
        for (kind, b) in sections.sorted(by: { $0.key < $1.key }) {
            w.write(kind)
            b.write(to: &w)
        }
        return w.bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, fileSize: Int) throws(FormatError) -> PartFooter {
        var r = ByteReader(bytes)
        let version = try r.readVarUInt()
        guard (PartFormat.oldestFooterVersion...PartFormat.footerVersion).contains(version) else {
            throw .malformed("footer version \(version), this build reads \(PartFormat.oldestFooterVersion) to \(PartFormat.footerVersion)")
        }
        let project = try r.readString()
        let month = try r.readVarInt()
        guard let monthKey = Int32(exactly: month) else { throw .malformed("month key \(month)") }
        let rows = try r.readCount()
        let minTs = try r.readVarInt()
        let maxTs = try r.readVarInt()
        // A part of version 3 may hold several months of a small project (`PartSpans`);
        // earlier ones hold one month.
        let dayCount = try r.readCount(limit: version >= 3 ? rows : 31)
        var days = [DayRange]()
        var covered = 0
        for _ in 0..<dayCount {
            let day = try r.readVarInt()
            guard let d = Int32(exactly: day) else { throw .malformed("day \(day)") }
            guard days.last.map({ $0.day < d }) ?? true else { throw .malformed("day index out of order at day \(d)") }
            let first = try r.readCount(limit: rows)
            let count = try r.readCount(limit: rows)
            guard first == covered, count > 0 else { throw .malformed("day index does not tile the rows") }
            covered += count
            days.append(DayRange(day: d, firstRow: first, rowCount: count))
        }
        guard covered == rows else { throw .malformed("day index covers \(covered) of \(rows) rows") }
        var dictionaries = [BlobRef?](repeating: nil, count: columnSlots)
        let dictCount = try r.readCount(limit: columnSlots)
        for _ in 0..<dictCount {
            let i = Int(try r.readByte())
            guard i < columnSlots, Column(rawValue: UInt8(i))?.kind == .string else { throw .malformed("dictionary for column \(i)") }
            dictionaries[i] = try BlobRef.read(from: &r, fileSize: fileSize)
        }
        let groupCount = try r.readCount(limit: rows / 1 + 1)
        var groups = [RowGroup]()
        var groupCovered = 0
        for _ in 0..<groupCount {
            let first = try r.readCount(limit: rows)
            let count = try r.readCount(limit: PartFormat.rowGroupSize)
            guard first == groupCovered, count > 0 else { throw .malformed("row groups do not tile the rows") }
            groupCovered += count
            var chunks = [ChunkMeta?](repeating: nil, count: columnSlots)
            let chunkCount = try r.readCount(limit: columnSlots)
            for _ in 0..<chunkCount {
                let i = Int(try r.readByte())
                guard i < columnSlots, Column(rawValue: UInt8(i)) != nil else { throw .malformed("chunk for column \(i)") }
                let blob = try BlobRef.read(from: &r, fileSize: fileSize)
                let nulls = try r.readCount(limit: count)
                chunks[i] = ChunkMeta(blob: blob, nullCount: nulls, min: try r.readVarInt(), max: try r.readVarInt())
            }
            for c in Column.allCases where chunks[Int(c.rawValue)] == nil && c.sinceFooterVersion <= version {
                throw .malformed("row group at row \(first) lacks column \(c.name)")
            }
            groups.append(RowGroup(firstRow: first, rowCount: count, chunks: chunks))
        }
        guard groupCovered == rows else { throw .malformed("row groups cover \(groupCovered) of \(rows) rows") }
        for c in Column.stringColumns where dictionaries[Int(c.rawValue)] == nil && c.sinceFooterVersion <= version {
            throw .malformed("missing dictionary for column \(c.name)")
        }
        var sections = [UInt8: BlobRef]()
        let sectionCount = try r.readCount(limit: 255)
        for _ in 0..<sectionCount {
            let kind = try r.readByte()
            sections[kind] = try BlobRef.read(from: &r, fileSize: fileSize)
        }
        return PartFooter(
            projectId: project, monthKey: monthKey, rowCount: rows, minTs: minTs, maxTs: maxTs,
            days: days, dictionaries: dictionaries, rowGroups: groups, sections: sections)
    }
}
