import TallySystem
import TallyFormat
/// Reads a Parquet file: the footer when opened, then one column chunk at a time, so
/// memory holds at most the row group being decoded.
///
/// Flat schemas only (a root group of primitive columns), which covers the files Tally
/// writes and what pyarrow writes for a table of primitive columns.
package final class ParquetFileReader {
    /// The bytes.
    package let source: ParquetByteSource
    /// The decoded footer.
    package let metadata: ParquetFileMetaData
    /// The leaf columns, in file order.
    package let columns: [ParquetColumnDescriptor]
    private let compressor = PageCompressor()

    /// The name used in errors (the path).
    package var name: String { source.name }

    /// Opens a file (through `fileSystem`) and reads its footer.
    package convenience init(path: String, fileSystem: FileSystem = FileSystem()) throws(ParquetError) {
        try self.init(source: ParquetByteSource(path: path, fileSystem: fileSystem))
    }

    /// Reads a file's footer from a byte source.
    package init(source: ParquetByteSource) throws(ParquetError) {
        self.source = source
        let name = source.name
        guard source.size >= 12 else { throw .notParquet(path: name, reason: "only \(source.size) bytes, a Parquet file has at least 12") }
        let head = try source.read(offset: 0, count: 4, what: "the header magic")
        guard head == Self.magic else { throw .notParquet(path: name, reason: "it does not start with PAR1") }
        let tail = try source.read(offset: source.size - 8, count: 8, what: "the footer length")
        guard Array(tail[4...]) == Self.magic else {
            throw .notParquet(path: name, reason: "it does not end with PAR1 (truncated, or still being written?)")
        }
        let footerLength = Int64(tail.withUnsafeBytes { PlainEncoding.load(UInt32.self, $0, at: 0) })
        guard footerLength > 0, footerLength <= source.size - 12 else {
            throw .malformed(path: name, location: "footer", reason: "footer length \(footerLength) does not fit the \(source.size)-byte file")
        }
        let footer = try source.read(offset: source.size - 8 - footerLength, count: Int(footerLength), what: "the footer")
        do { metadata = try ParquetFileMetaData(decoding: footer) } catch {
            throw .malformed(path: name, location: "footer", reason: error.reason)
        }
        // A flat schema: the root's children are all leaves.
        let root = metadata.schema[0]
        let leaves = Array(metadata.schema.dropFirst())
        guard Int(root.numChildren ?? 0) == leaves.count else {
            throw .unsupported(path: name, location: "schema", reason: "nested columns (groups, lists, maps) are not supported; Tally reads flat tables")
        }
        for leaf in leaves {
            if leaf.numChildren ?? 0 > 0 || leaf.type == nil {
                throw .unsupported(path: name, location: "schema", reason: "column '\(leaf.name)' is a group; Tally reads flat tables")
            }
            if leaf.repetition == .repeated {
                throw .unsupported(path: name, location: "schema", reason: "column '\(leaf.name)' is repeated; Tally reads flat tables")
            }
        }
        columns = leaves.enumerated().map { ParquetColumnDescriptor(index: $0.offset, element: $0.element) }
        for (g, group) in metadata.rowGroups.enumerated() where group.columns.count != columns.count {
            throw .malformed(path: name, location: "row group \(g)", reason: "\(group.columns.count) column chunks for \(columns.count) columns")
        }
    }

    static let magic: [UInt8] = Array("PAR1".utf8)

    /// The column named `name`, if the file has one.
    package func column(named name: String) -> ParquetColumnDescriptor? {
        columns.first { $0.name == name }
    }

    /// The number of rows of row group `group`.
    package func rowCount(ofRowGroup group: Int) -> Int { Int(metadata.rowGroups[group].numRows) }

    /// Decodes column `column` of row group `group`.
    package func read(rowGroup group: Int, column: Int) throws(ParquetError) -> ParquetColumnValues {
        let descriptor = columns[column]
        let location = "row group \(group), column '\(descriptor.name)'"
        let chunk = metadata.rowGroups[group].columns[column]
        guard chunk.filePath == nil else {
            throw .unsupported(path: name, location: location, reason: "the column chunk lives in another file (\(chunk.filePath!))")
        }
        guard let meta = chunk.metaData else { throw .malformed(path: name, location: location, reason: "column chunk without metadata") }
        let start = meta.firstPageOffset
        guard meta.totalCompressedSize >= 0, meta.totalCompressedSize <= Int64(Int32.max) * 4 else {
            throw .malformed(path: name, location: location, reason: "column chunk size \(meta.totalCompressedSize)")
        }
        let bytes = try source.read(offset: start, count: Int(meta.totalCompressedSize), what: location)
        let rows = rowCount(ofRowGroup: group)
        let reader = ColumnChunkReader(column: descriptor, metaData: meta, rowCount: rows, compressor: compressor)
        do {
            return try reader.read(bytes)
        } catch {
            if error.isUnsupported { throw .unsupported(path: name, location: location, reason: error.reason) }
            throw .malformed(path: name, location: location, reason: error.reason)
        }
    }
}
