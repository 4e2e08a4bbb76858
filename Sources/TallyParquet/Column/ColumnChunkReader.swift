import TallySystem
import TallyFormat
/// Decodes the pages of one column chunk into `ParquetColumnValues`.
///
/// Reads data pages v1 and v2 with PLAIN, RLE_DICTIONARY or PLAIN_DICTIONARY values (and
/// RLE booleans; the delta and byte-stream-split encodings of
/// `ColumnChunkReader+DeltaEncodings`), RLE definition levels, and pages compressed with UNCOMPRESSED, SNAPPY or ZSTD; any
/// other encoding or codec is reported by name. Byte-array values are returned as pool
/// indices: dictionary entries are decoded once, PLAIN values are appended to the pool.
struct ColumnChunkReader {
    let column: ParquetColumnDescriptor
    let metaData: ParquetColumnMetaData
    let rowCount: Int
    let compressor: PageCompressor

    private enum Dictionary {
        case int32([Int32]), int64([Int64]), double([Double]), float([Float]), bytes(count: Int)
    }

    func read(_ chunk: [UInt8]) throws(ParquetError) -> ParquetColumnValues {
        let type = column.physicalType
        switch type {
        case .int32, .int64, .double, .float, .boolean, .byteArray: break
        case .fixedLenByteArray:
            guard let n = column.element.typeLength, n > 0 else { throw ParquetError.decoding("FIXED_LEN_BYTE_ARRAY column without a positive type_length") }
        default: throw ParquetError.decoding("columns of physical type \(type) are not supported", unsupported: true)
        }
        let fixedLength = Int(column.element.typeLength ?? 0)
        var i32 = [Int32](), i64 = [Int64](), dbl = [Double](), flt = [Float](), bools = [Bool]()
        var pool = ParquetByteArrayPool()
        var indices = [Int32]()
        var present = [Bool]()
        var sawNull = false
        var dictionary: Dictionary?
        var rowsRead = 0
        var pos = 0
        var pageNumber = 0
        let optional = column.maxDefinitionLevel > 0

        while rowsRead < rowCount {
            guard pos < chunk.count else {
                throw ParquetError.decoding("column chunk ends after \(rowsRead) of \(rowCount) rows")
            }
            let pageStart = pos
            func fail(_ reason: String) -> ParquetError { ParquetError.decoding("page \(pageNumber) (chunk byte \(pageStart)): \(reason)") }
            var r = ThriftCompactReader(chunk, start: pos)
            let header: ParquetPageHeader
            do { header = try ParquetPageHeader(from: &r) } catch { throw fail("bad page header: \(error.reason)") }
            pos = r.position
            let stored = Int(header.compressedPageSize)
            guard chunk.count - pos >= stored else { throw fail("page body of \(stored) bytes runs past the chunk") }
            let bodyRange = pos..<(pos + stored)
            pos += stored
            pageNumber += 1

            switch header.kind {
            case .other:
                continue
            case let .dictionary(count, encoding):
                guard encoding == .plain || encoding == .plainDictionary else { throw fail("dictionary page encoded as \(encoding)") }
                let body = try decompress(chunk, bodyRange, Int(header.uncompressedPageSize), fail)
                let n = Int(count)
                guard n >= 0 else { throw fail("negative dictionary size") }
                switch type {
                case .int32: var v = [Int32](); try decodePlain(body, 0, n, &v, fail); dictionary = .int32(v)
                case .int64: var v = [Int64](); try decodePlain(body, 0, n, &v, fail); dictionary = .int64(v)
                case .double: var v = [UInt64](); try decodePlain(body, 0, n, &v, fail); dictionary = .double(v.map(Double.init(bitPattern:)))
                case .float: var v = [UInt32](); try decodePlain(body, 0, n, &v, fail); dictionary = .float(v.map(Float.init(bitPattern:)))
                case .boolean: throw fail("a dictionary page for a BOOLEAN column")
                default:
                    // The dictionary's entries start the pool; later PLAIN pages append.
                    guard pool.count == 0 else { throw fail("a second dictionary page, or one after PLAIN data") }
                    var idx = [Int32]()
                    try decodePlainBytes(body, 0, n, fixedLength, &pool, &idx, fail)
                    dictionary = .bytes(count: n)
                }
            case let .data(numValues, encoding, levelEncoding, _):
                let body = try decompress(chunk, bodyRange, Int(header.uncompressedPageSize), fail)
                let n = Int(numValues)
                guard n >= 0, n <= rowCount - rowsRead else { throw fail("\(n) values in a page, only \(rowCount - rowsRead) rows left") }
                var p = 0
                var nonNull = n
                if optional {
                    guard levelEncoding == .rle else { throw fail("definition levels encoded as \(levelEncoding) (only RLE is supported)") }
                    guard body.count >= 4 else { throw fail("definition levels cut off") }
                    let len = Int(body.withUnsafeBytes { PlainEncoding.load(UInt32.self, $0, at: 0) })
                    guard body.count - 4 >= len else { throw fail("definition levels of \(len) bytes run past the page") }
                    nonNull = try readLevels(body, 4..<(4 + len), n, &present, &sawNull, fail)
                    p = 4 + len
                }
                try decodeValues(body, p, nonNull, encoding, type, fixedLength, dictionary, &i32, &i64, &dbl, &flt, &bools, &pool, &indices, fail)
                rowsRead += n
            case let .dataV2(numValues, _, _, encoding, defLength, repLength, isCompressed):
                let n = Int(numValues)
                guard n >= 0, n <= rowCount - rowsRead else { throw fail("\(n) values in a page, only \(rowCount - rowsRead) rows left") }
                guard repLength == 0 else { throw fail("repetition levels in a flat column") }
                let dl = Int(defLength)
                guard dl >= 0, dl <= stored else { throw fail("definition levels length \(dl) outside the page") }
                var nonNull = n
                if optional {
                    let levels = Array(chunk[bodyRange.lowerBound..<(bodyRange.lowerBound + dl)])
                    nonNull = try readLevels(levels, 0..<dl, n, &present, &sawNull, fail)
                }
                let valuesRange = (bodyRange.lowerBound + dl)..<bodyRange.upperBound
                let size = Int(header.uncompressedPageSize) - dl
                let body = isCompressed ? try decompress(chunk, valuesRange, size, fail) : Array(chunk[valuesRange])
                try decodeValues(body, 0, nonNull, encoding, type, fixedLength, dictionary, &i32, &i64, &dbl, &flt, &bools, &pool, &indices, fail)
                rowsRead += n
            }
        }
        let storage: ParquetColumnValues.Storage
        switch type {
        case .int32: storage = .int32(i32)
        case .int64: storage = .int64(i64)
        case .double: storage = .double(dbl)
        case .float: storage = .float(flt)
        case .boolean: storage = .boolean(bools)
        default: storage = .byteArray(pool: pool, indices: indices)
        }
        return ParquetColumnValues(storage: storage, present: optional && sawNull ? present : nil, rowCount: rowCount)
    }

    private func decompress(_ chunk: [UInt8], _ range: Range<Int>, _ size: Int,
                            _ fail: (String) -> ParquetError) throws(ParquetError) -> [UInt8] {
        guard size >= 0 else { throw fail("negative uncompressed size") }
        do {
            return try chunk.withRawBytes { (raw) throws(ParquetError) in
                try compressor.decompress(UnsafeRawBufferPointer(rebasing: raw[range]), codec: metaData.codec, uncompressedSize: size)
            }
        } catch {
            throw ParquetError.decoding(fail(error.reason).reason, unsupported: error.isUnsupported)
        }
    }

    /// Appends `n` definition levels to `present`; returns how many are 1 (values).
    private func readLevels(_ bytes: [UInt8], _ range: Range<Int>, _ n: Int, _ present: inout [Bool], _ sawNull: inout Bool,
                            _ fail: (String) -> ParquetError) throws(ParquetError) -> Int {
        var levels = [UInt32]()
        do {
            try bytes.withRawBytes { (raw) throws(ParquetError) in
                try RLEHybridDecoder.decode(UnsafeRawBufferPointer(rebasing: raw[range]), bitWidth: 1, count: n, into: &levels)
            }
        } catch { throw fail("definition levels: \(error.reason)") }
        var ones = 0
        present.reserveCapacity(rowCount)
        for l in levels {
            present.append(l == 1)
            ones += Int(l)
        }
        if ones < n { sawNull = true }
        return ones
    }

    private func decodeValues(_ body: [UInt8], _ p: Int, _ n: Int, _ encoding: ParquetEncoding, _ type: ParquetPhysicalType,
                              _ fixedLength: Int, _ dictionary: Dictionary?,
                              _ i32: inout [Int32], _ i64: inout [Int64], _ dbl: inout [Double],
                              _ flt: inout [Float], _ bools: inout [Bool], _ pool: inout ParquetByteArrayPool, _ indices: inout [Int32],
                              _ fail: (String) -> ParquetError) throws(ParquetError) {
        if n == 0 { return }
        if type == .boolean { return try decodeBooleans(body, p, n, encoding, &bools, fail) }
        if Self.isDeltaOrSplit(encoding) {
            return try decodeDeltaOrSplit(body, p, n, encoding, type, &i32, &i64, &dbl, &flt, &pool, &indices, fail)
        }
        switch encoding {
        case .plain:
            switch type {
            case .int32: try decodePlain(body, p, n, &i32, fail)
            case .int64: try decodePlain(body, p, n, &i64, fail)
            case .double:
                var bits = [UInt64]()
                try decodePlain(body, p, n, &bits, fail)
                dbl.append(contentsOf: bits.lazy.map(Double.init(bitPattern:)))
            case .float:
                var bits = [UInt32]()
                try decodePlain(body, p, n, &bits, fail)
                flt.append(contentsOf: bits.lazy.map(Float.init(bitPattern:)))
            default: try decodePlainBytes(body, p, n, fixedLength, &pool, &indices, fail)
            }
        case .rleDictionary, .plainDictionary:
            guard let dictionary else { throw fail("dictionary-encoded page without a dictionary page") }
            guard body.count > p else { throw fail("dictionary indices cut off") }
            let width = Int(body[p])
            var ids = [UInt32]()
            do {
                try body.withRawBytes { (raw) throws(ParquetError) in
                    try RLEHybridDecoder.decode(UnsafeRawBufferPointer(rebasing: raw[(p + 1)...]), bitWidth: width, count: n, into: &ids)
                }
            } catch { throw fail("dictionary indices: \(error.reason)") }
            func check(_ size: Int) throws(ParquetError) {
                for id in ids where Int(id) >= size { throw fail("dictionary index \(id) outside the \(size) entries") }
            }
            switch dictionary {
            case let .int32(d): try check(d.count); i32.append(contentsOf: ids.lazy.map { d[Int($0)] })
            case let .int64(d): try check(d.count); i64.append(contentsOf: ids.lazy.map { d[Int($0)] })
            case let .double(d): try check(d.count); dbl.append(contentsOf: ids.lazy.map { d[Int($0)] })
            case let .float(d): try check(d.count); flt.append(contentsOf: ids.lazy.map { d[Int($0)] })
            case let .bytes(count): try check(count); indices.append(contentsOf: ids.lazy.map { Int32($0) })
            }
        default:
            throw ParquetError.decoding(fail("values encoded as \(encoding) are not supported (Tally reads PLAIN and dictionary encodings); rewrite the file with those").reason,
                                     unsupported: true)
        }
    }

    /// `n` booleans: PLAIN (bit-packed, first value in the lowest bit) or RLE (a 4-byte
    /// length, then the RLE/bit-packed hybrid of width 1, as data pages v2 may hold them).
    private func decodeBooleans(_ body: [UInt8], _ p: Int, _ n: Int, _ encoding: ParquetEncoding, _ bools: inout [Bool],
                                _ fail: (String) -> ParquetError) throws(ParquetError) {
        switch encoding {
        case .plain:
            guard body.count - p >= (n + 7) / 8 else { throw fail("\(n) PLAIN booleans need \((n + 7) / 8) bytes, the page has \(body.count - p)") }
            bools.reserveForAppend(n)
            for k in 0..<n { bools.append(body[p + k / 8] >> (k % 8) & 1 == 1) }
        case .rle:
            guard body.count - p >= 4 else { throw fail("RLE booleans: length cut off") }
            let len = Int(body.withUnsafeBytes { PlainEncoding.load(UInt32.self, $0, at: p) })
            guard body.count - p - 4 >= len else { throw fail("RLE booleans of \(len) bytes run past the page") }
            var bits = [UInt32]()
            do {
                try body.withRawBytes { (raw) throws(ParquetError) in
                    try RLEHybridDecoder.decode(UnsafeRawBufferPointer(rebasing: raw[(p + 4)..<(p + 4 + len)]), bitWidth: 1, count: n, into: &bits)
                }
            } catch { throw fail("RLE booleans: \(error.reason)") }
            bools.append(contentsOf: bits.lazy.map { $0 == 1 })
        default:
            throw ParquetError.decoding(fail("booleans encoded as \(encoding) are not supported (Tally reads PLAIN and RLE)").reason, unsupported: true)
        }
    }

    private func decodePlain<T: FixedWidthInteger>(_ body: [UInt8], _ p: Int, _ n: Int, _ out: inout [T],
                                                   _ fail: (String) -> ParquetError) throws(ParquetError) {
        let width = MemoryLayout<T>.size
        guard body.count - p >= n * width else { throw fail("\(n) PLAIN values need \(n * width) bytes, the page has \(body.count - p)") }
        out.reserveForAppend(n)
        body.withUnsafeBytes { raw in
            for k in 0..<n { out.append(PlainEncoding.load(T.self, raw, at: p + k * width)) }
        }
    }

    private func decodePlainBytes(_ body: [UInt8], _ p: Int, _ n: Int, _ fixedLength: Int, _ pool: inout ParquetByteArrayPool,
                                  _ indices: inout [Int32], _ fail: (String) -> ParquetError) throws(ParquetError) {
        var q = p
        indices.reserveForAppend(n)
        for k in 0..<n {
            let len: Int
            if fixedLength > 0 {
                len = fixedLength
            } else {
                guard body.count - q >= 4 else { throw fail("byte array \(k) of \(n): length cut off") }
                len = Int(body.withUnsafeBytes { PlainEncoding.load(UInt32.self, $0, at: q) })
                q += 4
            }
            guard body.count - q >= len else { throw fail("byte array \(k) of \(n): \(len) bytes run past the page") }
            indices.append(pool.append(body[q..<(q + len)]))
            q += len
        }
    }
}
