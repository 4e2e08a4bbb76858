extension UsageRecord {
    /// Decodes records from JSON Lines in the import's format: one object per line, with
    /// the schema's column names, `ts` as milliseconds or RFC 3339, `cost_usd` as an exact
    /// decimal (a string or a number, never rounded through a Double).
    ///
    /// A host that receives records as JSON (an HTTP ingest, a queue) gets the same
    /// checks and messages as `tally import`.
    ///
    /// - Parameter name: what to call the input in errors (a file name, "body").
    /// - Throws: `RecordImportError` with the line, field and value at fault; nothing is
    ///   returned then.
    public static func decodeJSONLines(_ bytes: [UInt8], name: String) throws(RecordImportError) -> [UsageRecord] {
        var reader = JSONLRecordReader(bytes: bytes, name: name)
        var records = [UsageRecord]()
        while try reader.nextBatch(into: &records, maxCount: 4096) > 0 {}
        return records
    }
}
