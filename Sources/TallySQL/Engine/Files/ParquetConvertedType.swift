/// The legacy `ConvertedType` values of parquet.thrift that `read_parquet` interprets
/// (files written before logical types, and writers that set only these).
enum ParquetConvertedType {
    static let decimal: Int32 = 5, date: Int32 = 6, timeMillis: Int32 = 7, timeMicros: Int32 = 8
    static let timestampMillis: Int32 = 9, timestampMicros: Int32 = 10, uint32: Int32 = 13, uint64: Int32 = 14
}
