import TallySystem
import TallyFormat

/// Writes usage records to one Parquet file (`UsageParquetSchema`), buffering a row
/// group column by column and writing it when it reaches `rowGroupRows` (or when asked).
package final class UsageParquetWriter {
    /// The file's final path.
    package var path: String { file.path }
    /// Rows per row group (the last may be smaller).
    package let rowGroupRows: Int
    private let file: ParquetFileWriter
    private var text = [StringColumnBuilder](repeating: StringColumnBuilder(), count: 14)
    private var ts = NumberColumnBuilder<Int64>()
    private var date = NumberColumnBuilder<Int32>()
    private var quantity = NumberColumnBuilder<Double>()
    private var cost = NumberColumnBuilder<Int64>()
    private var stepIndex = NumberColumnBuilder<Int32>()
    private var duration = NumberColumnBuilder<Int64>()
    private var parserVersion = NumberColumnBuilder<Int32>()
    /// Rows buffered for the next row group.
    package private(set) var bufferedRows = 0
    /// Rows written to the file or buffered.
    package private(set) var rowCount = 0
    /// Bytes of the file so far, row groups not yet written left out: its size once closed.
    package var byteCount: Int64 { file.byteCount }

    /// Creates the file (it appears at `path` once closed), through `fileSystem`.
    package init(path: String, rowGroupRows: Int = 1 << 20, options: ParquetFileWriter.Options = ParquetFileWriter.Options(),
                fileSystem: FileSystem = FileSystem()) throws(ParquetError) {
        var options = options
        if !options.keyValueMetadata.contains(where: { $0.key == "tally.schema" }) {
            options.keyValueMetadata.append(ParquetKeyValue(key: "tally.schema", value: "usage-record 1"))
        }
        file = try ParquetFileWriter(path: path, columns: UsageParquetSchema.columns, options: options, fileSystem: fileSystem)
        self.rowGroupRows = max(1, rowGroupRows)
    }

    /// Appends a record. Throws `ParquetError.unwritable` for a cost DECIMAL(18, 9)
    /// cannot hold (one billion USD or more in one record).
    package func write(_ r: UsageRecord) throws(ParquetError) {
        if let c = r.costNanos, c > UsageParquetSchema.maxCostNanos || c < -UsageParquetSchema.maxCostNanos {
            throw .unwritable(path: path, column: "cost_usd", value: "\(c) nano-USD",
                              reason: "does not fit DECIMAL(18,9) (at most 999999999.999999999 USD per record); check the record (project \(r.projectId), ts \(r.ts))")
        }
        text[0].append(r.projectId)
        ts.append(r.ts)
        date.append(r.day)
        text[1].append(r.service)
        text[2].append(r.unit)
        quantity.append(r.quantity)
        cost.append(r.costNanos)
        text[3].append(r.runId)
        text[4].append(r.sandboxId)
        text[5].append(r.chainId)
        text[6].append(r.issueSessionId)
        text[7].append(r.toolId)
        text[8].append(r.modelId)
        text[9].append(r.stepType)
        stepIndex.append(r.stepIndex)
        text[10].append(r.userId)
        text[11].append(r.personaId)
        duration.append(r.durationMs)
        text[12].append(r.captureSource)
        parserVersion.append(r.parserVersion)
        text[13].append(UsageParquetSchema.name(of: r.costSource))
        bufferedRows += 1
        rowCount += 1
        if bufferedRows >= rowGroupRows { try flushRowGroup() }
    }

    /// Writes the buffered rows as a row group (nothing if none are buffered).
    package func flushRowGroup() throws(ParquetError) {
        guard bufferedRows > 0 else { return }
        let columns: [ParquetColumnValues] = [
            text[0].take(), ts.take { .int64($0) }, date.take { .int32($0) }, text[1].take(), text[2].take(),
            quantity.take { .double($0) }, cost.take { .int64($0) },
            text[3].take(), text[4].take(), text[5].take(), text[6].take(), text[7].take(), text[8].take(), text[9].take(),
            stepIndex.take { .int32($0) }, text[10].take(), text[11].take(), duration.take { .int64($0) }, text[12].take(),
            parserVersion.take { .int32($0) }, text[13].take(),
        ]
        bufferedRows = 0
        try file.writeRowGroup(columns)
    }

    /// Writes the last row group and the footer, and moves the file into place.
    package func close() throws(ParquetError) {
        try flushRowGroup()
        try file.close()
    }

    /// Discards the file: nothing appears at `path`.
    package func abandon() {
        file.abandon()
    }
}
