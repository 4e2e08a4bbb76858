import TallySystem
import TallyFormat
/// The values of one column in one row group: what `ParquetFileWriter` takes and
/// `ParquetFileReader` returns.
///
/// Nulls are not stored among the values: `present` says, row by row, whether a row has
/// a value, and the values are those of the present rows in order (so `values.count` is
/// the number of `true`s). `present == nil` means every row has a value.
package struct ParquetColumnValues: Sendable {
    /// Typed storage of the non-null values.
    package enum Storage: Sendable {
        /// INT32 values.
        case int32([Int32])
        /// INT64 values.
        case int64([Int64])
        /// DOUBLE values.
        case double([Double])
        /// FLOAT values.
        case float([Float])
        /// BOOLEAN values.
        case boolean([Bool])
        /// BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY values: `indices[k]` is the pool entry of
        /// the k-th value. Writers pass a pool of distinct values (the dictionary).
        case byteArray(pool: ParquetByteArrayPool, indices: [Int32])
    }

    /// The non-null values.
    package var storage: Storage
    /// Per row, whether it has a value; nil when all do.
    package var present: [Bool]?
    /// Rows in the row group.
    package var rowCount: Int

    /// Creates column values.
    package init(storage: Storage, present: [Bool]?, rowCount: Int) {
        self.storage = storage
        self.present = present
        self.rowCount = rowCount
    }

    /// The number of non-null values.
    package var valueCount: Int {
        switch storage {
        case let .int32(v): return v.count
        case let .int64(v): return v.count
        case let .double(v): return v.count
        case let .float(v): return v.count
        case let .boolean(v): return v.count
        case let .byteArray(_, indices): return indices.count
        }
    }

    /// The number of null rows.
    package var nullCount: Int { rowCount - valueCount }
}
