import TallySystem
import TallyFormat

/// Writes a Parquet file with a flat schema, one row group at a time.
///
/// File layout (parquet-format):
///
/// | bytes | content |
/// |---|---|
/// | 4 | magic `PAR1` |
/// | ... | row group 0: column chunk 0, column chunk 1, ... (each: [dictionary page] data pages) |
/// | ... | more row groups |
/// | n | `FileMetaData`, Thrift compact |
/// | 4 | n, little endian |
/// | 4 | magic `PAR1` |
///
/// The file is written under a temporary name (a `StagedFile`, through the file system
/// seam) and renamed into place by `close()`, so a reader never sees half a file and a
/// failure leaves nothing under the final name.
package final class ParquetFileWriter {
    /// Tuning knobs.
    package struct Options: Sendable {
        /// Rows per data page.
        package var rowsPerPage = 65_536
        /// A dictionary bigger than this falls back to PLAIN for that column chunk.
        package var maxDictionaryBytes = 1 << 20
        /// Zstandard level of the pages.
        package var zstdLevel: Int32 = 3
        /// The footer's `created_by`.
        package var createdBy = "tally version 0.1"
        /// Footer key/value metadata.
        package var keyValueMetadata: [ParquetKeyValue] = []
        /// Default options.
        package init() {}
    }

    /// The final path of the file.
    package let path: String
    /// The columns.
    package let columns: [ParquetColumnSpec]
    private let options: Options
    private let staged: StagedFile
    private var offset: Int64 = 0
    private var rowGroups: [ParquetRowGroup] = []
    private var rowCount: Int64 = 0
    private let compressor: PageCompressor
    private var buffer: [UInt8] = []

    /// Creates the file (replacing any at `path` once closed), through `fileSystem`.
    package init(path: String, columns: [ParquetColumnSpec], options: Options = Options(),
                fileSystem: FileSystem = FileSystem()) throws(ParquetError) {
        self.path = path
        self.columns = columns
        self.options = options
        self.compressor = PageCompressor(zstdLevel: options.zstdLevel)
        do {
            staged = try StagedFile(path: path, fileSystem: fileSystem)
        } catch {
            throw .system(error, path: path + ".tmp", operation: "create the file")
        }
        try append(Array("PAR1".utf8))
    }

    /// Discards the file: its temporary file is removed and nothing appears at `path`.
    /// (Dropping an unclosed writer does the same.)
    package func abandon() {
        staged.abandon()
    }

    /// Rows written so far.
    package var rowsWritten: Int64 { rowCount }

    /// Bytes of the file so far (written or buffered): its size once closed.
    package var byteCount: Int64 { offset }

    /// Writes one row group; `values[i]` is the column `columns[i]`, all with the same
    /// row count and the storage their physical type needs.
    package func writeRowGroup(_ values: [ParquetColumnValues]) throws(ParquetError) {
        precondition(values.count == columns.count, "row group has \(values.count) columns, the schema \(columns.count)")
        let rows = values.first?.rowCount ?? 0
        guard rows > 0 else { return }
        let groupOffset = offset
        var chunks = [ParquetColumnChunk]()
        var uncompressed: Int64 = 0
        for (spec, column) in zip(columns, values) {
            precondition(column.rowCount == rows, "column \(spec.name) has \(column.rowCount) rows, expected \(rows)")
            precondition(spec.repetition == .optional || column.present == nil || !column.present!.contains(false),
                         "required column \(spec.name) has nulls")
            let writer = ColumnChunkWriter(spec: spec, options: options, compressor: compressor)
            let (bytes, meta) = writer.write(column, fileOffset: offset)
            try append(bytes)
            chunks.append(ParquetColumnChunk(fileOffset: meta.firstPageOffset, metaData: meta))
            uncompressed += meta.totalUncompressedSize
        }
        rowGroups.append(ParquetRowGroup(columns: chunks, totalByteSize: uncompressed, numRows: Int64(rows),
                                         fileOffset: groupOffset, totalCompressedSize: offset - groupOffset))
        rowCount += Int64(rows)
    }

    /// Writes the footer, closes the file and renames it into place.
    package func close() throws(ParquetError) {
        let schema = [ParquetSchemaElement(name: "schema", numChildren: Int32(columns.count))] + columns.map(\.schemaElement)
        let meta = ParquetFileMetaData(version: 2, schema: schema, numRows: rowCount, rowGroups: rowGroups,
                                       keyValueMetadata: options.keyValueMetadata, createdBy: options.createdBy,
                                       typeDefinedOrderColumns: columns.count)
        let footer = meta.encoded()
        try append(footer)
        var tail = [UInt8]()
        PlainEncoding.append(UInt32(footer.count), to: &tail)
        tail.append(contentsOf: Array("PAR1".utf8))
        try append(tail)
        try flush()
        do {
            try staged.commit()
        } catch {
            if case .io("rename", _, _) = error { throw .system(error, path: path, operation: "rename \(staged.temporaryPath) into place") }
            throw .system(error, path: staged.temporaryPath, operation: "close the file")
        }
    }

    private func append(_ bytes: [UInt8]) throws(ParquetError) {
        buffer.append(contentsOf: bytes)
        offset += Int64(bytes.count)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws(ParquetError) {
        do {
            try buffer.withBytes { (b) throws(StorageError) in try staged.write(b) }
        } catch {
            throw .system(error, path: staged.temporaryPath, operation: "write")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
