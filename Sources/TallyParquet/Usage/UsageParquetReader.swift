import TallySystem
import TallyFormat

/// Reads usage records from a Parquet file, one row group per batch (bounded memory).
///
/// Columns are found by name (`usage-schema.md` names); others are ignored. Besides the
/// files Tally writes, it reads what pyarrow writes for the same table with default
/// settings: nullable columns, dictionary-encoded numbers, SNAPPY pages, decimals as
/// FIXED_LEN_BYTE_ARRAY, timestamps in any unit. Required: `project_id`, `service`,
/// `unit`, `quantity`, and `ts` or `date`. Errors name the file, row and column.
package final class UsageParquetReader {
    private let file: ParquetFileReader
    private let map: [Field: ParquetColumnDescriptor]
    private var nextGroup = 0
    private var rowsBefore = 0

    /// The file's row count.
    package var rowCount: Int64 { file.metadata.numRows }
    /// Bytes of the file.
    package var byteCount: Int64 { file.source.size }
    /// Rows returned so far.
    package var rowsRead: Int { rowsBefore }

    /// The fields a usage record takes from a file.
    enum Field: String, CaseIterable {
        case projectId = "project_id", ts, date, service, unit, quantity, costUsd = "cost_usd", runId = "run_id",
             sandboxId = "sandbox_id", chainId = "chain_id", issueSessionId = "issue_session_id", toolId = "tool_id",
             modelId = "model_id", stepType = "step_type", stepIndex = "step_index", userId = "user_id",
             personaId = "persona_id", durationMs = "duration_ms", captureSource = "capture_source",
             parserVersion = "parser_version", costSource = "cost_source"
    }

    /// Opens a file, through `fileSystem`.
    package convenience init(path: String, fileSystem: FileSystem = FileSystem()) throws(ParquetError) {
        try self.init(file: ParquetFileReader(path: path, fileSystem: fileSystem))
    }

    /// Reads a file held in memory (e.g. standard input); `name` is used in errors.
    package convenience init(bytes: [UInt8], name: String) throws(ParquetError) {
        try self.init(file: ParquetFileReader(source: ParquetByteSource(bytes: bytes, name: name)))
    }

    init(file: ParquetFileReader) throws(ParquetError) {
        self.file = file
        var map = [Field: ParquetColumnDescriptor]()
        for f in Field.allCases {
            if let c = file.column(named: f.rawValue) { map[f] = c }
        }
        self.map = map
        let name = file.name
        for f in [Field.projectId, .service, .unit, .quantity] where map[f] == nil {
            throw .schema(path: name, column: f.rawValue, reason: "the column is missing; a usage record needs it")
        }
        if map[.ts] == nil && map[.date] == nil { throw .schema(path: name, column: "ts", reason: "neither ts nor date is present") }
        for (f, c) in map {
            let t = c.physicalType
            let ok: Bool
            switch f {
            case .ts, .durationMs: ok = t == .int64 || t == .int32
            case .date, .stepIndex, .parserVersion: ok = t == .int32 || t == .int64
            case .quantity: ok = t == .double || t == .int64 || t == .int32
            case .costUsd: ok = true
            default: ok = t == .byteArray
            }
            guard ok else { throw .schema(path: name, column: f.rawValue, reason: "physical type \(t) cannot hold this field") }
        }
        if let c = map[.costUsd] { _ = try Self.decimalScale(c, path: name) }
    }

    /// The decimal scale of the cost column; throws unless it is an exact decimal.
    static func decimalScale(_ c: ParquetColumnDescriptor, path: String) throws(ParquetError) -> Int {
        var scale: Int32?
        if case let .decimal(s, _)? = c.element.logicalType { scale = s } else if c.element.convertedType == UsageParquetSchema.decimal { scale = c.element.scale ?? 0 }
        guard let scale else {
            throw .schema(path: path, column: "cost_usd", reason: "not a DECIMAL column; Tally needs exact money (e.g. DECIMAL(18,9), whose unscaled value is nano-USD); cast it before writing")
        }
        guard (0...38).contains(scale) else { throw .schema(path: path, column: "cost_usd", reason: "decimal scale \(scale) is out of range") }
        switch c.physicalType {
        case .int32, .int64, .byteArray, .fixedLenByteArray: return Int(scale)
        default: throw .schema(path: path, column: "cost_usd", reason: "a DECIMAL on \(c.physicalType) is not valid Parquet")
        }
    }

    /// Reads the next row group into `records` (appending); returns the rows read, 0 at
    /// the end of the file.
    package func nextBatch(into records: inout [UsageRecord]) throws(ParquetError) -> Int {
        let groups = file.metadata.rowGroups.count
        while nextGroup < groups && file.rowCount(ofRowGroup: nextGroup) == 0 { nextGroup += 1 }
        guard nextGroup < groups else { return 0 }
        let group = nextGroup
        nextGroup += 1
        let rows = file.rowCount(ofRowGroup: group)
        var columns = UsageRowGroup(rows: rows, path: file.name, firstRow: rowsBefore + 1)
        for (f, c) in map {
            try columns.load(f, file.read(rowGroup: group, column: c.index), descriptor: c)
        }
        records.reserveForAppend(rows)
        try columns.assemble(into: &records, hasTs: map[.ts] != nil, hasDate: map[.date] != nil)
        rowsBefore += rows
        return rows
    }
}
