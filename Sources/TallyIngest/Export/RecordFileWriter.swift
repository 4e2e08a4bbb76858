import TallyFormat

/// A writer of usage records to a descriptor (CSV or JSONL), for code that writes either.
protocol RecordFileWriter: ~Copyable {
    /// Appends one record.
    mutating func write(_ r: UsageRecord) throws(RecordExportError)
    /// Writes everything buffered.
    mutating func flush() throws(RecordExportError)
    /// Bytes written to the descriptor so far.
    var bytesWritten: Int64 { get }
}

extension CSVRecordWriter: RecordFileWriter {}
extension JSONLRecordWriter: RecordFileWriter {}
