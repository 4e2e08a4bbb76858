import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// How the record readers treat unusual input.
package struct RecordImportOptions: Sendable, Hashable {
    /// Collect bad records in `skippedErrors` and go on, instead of throwing the first.
    ///
    /// Errors in the CSV header and I/O errors are always thrown: without a header no
    /// record can be read, and a failed read is no property of a line.
    package var skipBadLines: Bool
    /// How many skipped errors are kept in full; further ones are only counted.
    package var maxCollectedErrors: Int
    /// Ignore columns (CSV) or keys (JSONL) that are not in the schema.
    ///
    /// Off by default: an unknown column is usually a typo (`projectid`) whose data would
    /// silently vanish, so by default it is an error that names it.
    package var ignoreUnknownColumns: Bool
    /// The size of each read from the file. Tests use tiny blocks to hit every boundary.
    package var blockSize: Int
    /// The longest record accepted, in bytes. It bounds memory when a stray quote makes
    /// the rest of a file one field.
    package var maxRecordBytes: Int
    /// Refuse a `ts` or `date` outside the years a store keeps (1970...9999) as it is
    /// read, quoting the text as written; the store's own check later sees only the
    /// milliseconds. Off for the readers alone, which read any timestamp a file holds.
    package var onlyStorableTimes = false

    /// Creates options; the defaults are strict and read 1 MiB at a time.
    package init(
        skipBadLines: Bool = false, maxCollectedErrors: Int = 100, ignoreUnknownColumns: Bool = false,
        blockSize: Int = 1 << 20, maxRecordBytes: Int = 16 << 20
    ) {
        self.skipBadLines = skipBadLines
        self.maxCollectedErrors = maxCollectedErrors
        self.ignoreUnknownColumns = ignoreUnknownColumns
        self.blockSize = max(1, blockSize)
        self.maxRecordBytes = max(1, maxRecordBytes)
    }
}
