import TallyParquet

/// `read_parquet(path)`: a flat Parquet file as one chunk, every row group read, each
/// column typed from its physical and logical type as DuckDB types it:
///
/// | Parquet                                   | SQL                                   |
/// |-------------------------------------------|---------------------------------------|
/// | BOOLEAN                                   | BOOLEAN                               |
/// | INT32 (INT_8/16/32, none)                 | INTEGER                               |
/// | INT32 DATE                                | DATE                                  |
/// | INT64 (none, INT_64), INT32 UINT_32       | BIGINT                                |
/// | INT64 UINT_64                             | HUGEINT                               |
/// | INT64 TIMESTAMP (millis, micros, nanos)   | TIMESTAMP (microseconds)              |
/// | FLOAT, DOUBLE                             | DOUBLE (a FLOAT widened exactly)      |
/// | BYTE_ARRAY (STRING/UTF8 or none)          | VARCHAR (must be UTF-8)               |
/// | DECIMAL(p, s) on INT32/INT64/(FIXED_LEN_)BYTE_ARRAY | DECIMAL(p, s)               |
///
/// Others (INT96, TIME, FIXED_LEN_BYTE_ARRAY without DECIMAL, nested columns) are refused
/// by name.
enum ParquetTable {
    /// The file's column names, types and rows.
    static func read(path: String) throws(FileTableError) -> (names: [String], types: [LogicalType], rows: DataChunk) {
        try FileBytes.requireRegularFile(path)
        let file: ParquetFileReader
        do { file = try ParquetFileReader(path: path) } catch { throw FileTableError(error.description, hint: hint(error)) }
        var readers: [ParquetColumnReader] = []
        for c in file.columns { readers.append(try ParquetColumnReader(c, path: path)) }
        var rows = 0
        for g in file.metadata.rowGroups.indices {
            let n = file.rowCount(ofRowGroup: g)
            for (i, c) in file.columns.enumerated() {
                do {
                    try readers[i].append(try file.read(rowGroup: g, column: c.index), rows: n)
                } catch let e as ParquetError {
                    throw FileTableError(e.description, hint: hint(e))
                } catch let e as FileTableError {
                    throw e
                } catch {
                    throw FileTableError("\(path): \(error)")
                }
            }
            rows += n
        }
        return (file.columns.map(\.name), readers.map(\.type), DataChunk(columns: readers.map { $0.finish() }, count: rows))
    }

    static func hint(_ error: ParquetError) -> String? {
        switch error {
        case .unsupported: return "rewrite the file with flat columns of the types docs/sql.md lists for read_parquet (e.g. DuckDB: COPY t TO 'f.parquet')"
        case .notParquet, .malformed: return "check that the path names a complete Parquet file"
        default: return nil
        }
    }
}
