import TallySystem
import TallyFormat
/// The header before every page of a column chunk, `PageHeader` in parquet.thrift,
/// with the page-type-specific header flattened into `ParquetPageHeader.Kind`.
package struct ParquetPageHeader: Sendable, Hashable {
    /// The page-specific part.
    package enum Kind: Sendable, Hashable {
        /// `DataPageHeader`: value count (nulls included) and encodings.
        case data(numValues: Int32, encoding: ParquetEncoding, definitionLevelEncoding: ParquetEncoding, repetitionLevelEncoding: ParquetEncoding)
        /// `DataPageHeaderV2`: levels are stored uncompressed before the values.
        case dataV2(numValues: Int32, numNulls: Int32, numRows: Int32, encoding: ParquetEncoding,
                    definitionLevelsByteLength: Int32, repetitionLevelsByteLength: Int32, isCompressed: Bool)
        /// `DictionaryPageHeader`.
        case dictionary(numValues: Int32, encoding: ParquetEncoding)
        /// A page type Tally does not read (index pages); skipped by its size.
        case other(pageType: Int32)
    }

    /// The page-specific part.
    package var kind: Kind
    /// Bytes of the page body before compression.
    package var uncompressedPageSize: Int32
    /// Bytes of the page body as stored.
    package var compressedPageSize: Int32

    /// Creates a header.
    package init(kind: Kind, uncompressedPageSize: Int32, compressedPageSize: Int32) {
        self.kind = kind
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
    }

    /// The thrift compact encoding.
    package func encoded() -> [UInt8] {
        var w = ThriftCompactWriter()
        w.beginStruct()
        switch kind {
        case .data: w.field(1, i32: ParquetPageType.dataPage.rawValue)
        case .dataV2: w.field(1, i32: ParquetPageType.dataPageV2.rawValue)
        case .dictionary: w.field(1, i32: ParquetPageType.dictionaryPage.rawValue)
        case let .other(t): w.field(1, i32: t)
        }
        w.field(2, i32: uncompressedPageSize)
        w.field(3, i32: compressedPageSize)
        switch kind {
        case let .data(n, enc, dl, rl):
            w.fieldHeader(5, .structure)
            w.beginStruct()
            w.field(1, i32: n)
            w.field(2, i32: enc.rawValue)
            w.field(3, i32: dl.rawValue)
            w.field(4, i32: rl.rawValue)
            w.endStruct()
        case let .dataV2(n, nulls, rows, enc, dlen, rlen, compressed):
            w.fieldHeader(8, .structure)
            w.beginStruct()
            w.field(1, i32: n)
            w.field(2, i32: nulls)
            w.field(3, i32: rows)
            w.field(4, i32: enc.rawValue)
            w.field(5, i32: dlen)
            w.field(6, i32: rlen)
            w.field(7, bool: compressed)
            w.endStruct()
        case let .dictionary(n, enc):
            w.fieldHeader(7, .structure)
            w.beginStruct()
            w.field(1, i32: n)
            w.field(2, i32: enc.rawValue)
            w.endStruct()
        case .other:
            break
        }
        w.endStruct()
        return w.bytes
    }

    /// Decodes a header from `r`, leaving it at the first byte of the page body.
    package init(from r: inout ThriftCompactReader) throws(ParquetError) {
        var pageType: Int32?, uncompressed: Int32?, compressed: Int32?
        var kind: Kind?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i32): pageType = try r.readI32()
            case (2, .i32): uncompressed = try r.readI32()
            case (3, .i32): compressed = try r.readI32()
            case (5, .structure):
                var f = [Int16: Int32]()
                try r.beginStruct()
                while let (fid, ft) = try r.readFieldHeader() {
                    if ft == .i32 { f[fid] = try r.readI32() } else { try r.skip(ft) }
                }
                r.endStruct()
                guard let n = f[1], let e = f[2] else { throw ParquetError.decoding("data page header lacks num_values or encoding") }
                kind = .data(numValues: n, encoding: ParquetEncoding(rawValue: e), definitionLevelEncoding: ParquetEncoding(rawValue: f[3] ?? 3),
                             repetitionLevelEncoding: ParquetEncoding(rawValue: f[4] ?? 3))
            case (7, .structure):
                var f = [Int16: Int32]()
                try r.beginStruct()
                while let (fid, ft) = try r.readFieldHeader() {
                    if ft == .i32 { f[fid] = try r.readI32() } else { try r.skip(ft) }
                }
                r.endStruct()
                guard let n = f[1] else { throw ParquetError.decoding("dictionary page header lacks num_values") }
                kind = .dictionary(numValues: n, encoding: ParquetEncoding(rawValue: f[2] ?? 0))
            case (8, .structure):
                var f = [Int16: Int32]()
                var isCompressed = true
                try r.beginStruct()
                while let (fid, ft) = try r.readFieldHeader() {
                    if ft == .i32 { f[fid] = try r.readI32() }
                    else if fid == 7 && (ft == .booleanTrue || ft == .booleanFalse) { isCompressed = try r.readBool() }
                    else { try r.skip(ft) }
                }
                r.endStruct()
                guard let n = f[1], let rows = f[3], let e = f[4], let dlen = f[5], let rlen = f[6] else {
                    throw ParquetError.decoding("data page v2 header lacks a required field")
                }
                kind = .dataV2(numValues: n, numNulls: f[2] ?? 0, numRows: rows, encoding: ParquetEncoding(rawValue: e),
                               definitionLevelsByteLength: dlen, repetitionLevelsByteLength: rlen, isCompressed: isCompressed)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let pageType, let uncompressed, let compressed, uncompressed >= 0, compressed >= 0 else {
            throw ParquetError.decoding("page header lacks its type or sizes")
        }
        switch ParquetPageType(rawValue: pageType) {
        case .dataPage?, .dataPageV2?, .dictionaryPage?:
            guard let kind else { throw ParquetError.decoding("page of type \(pageType) without its specific header") }
            self.kind = kind
        default:
            self.kind = .other(pageType: pageType)
        }
        self.uncompressedPageSize = uncompressed
        self.compressedPageSize = compressed
    }
}
