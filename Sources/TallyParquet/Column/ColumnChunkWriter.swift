import TallySystem
import TallyFormat
/// Encodes one column of one row group as a column chunk: an optional dictionary page,
/// then data pages (version 1), each compressed with Zstandard.
///
/// A data page body is, in order: the definition levels of an optional column (4-byte
/// little-endian length, then the RLE hybrid with bit width 1: 1 = value, 0 = null),
/// then the values: PLAIN, or for dictionary columns one byte of bit width and the
/// dictionary indices in the RLE hybrid. There are no repetition levels (the schema is
/// flat). Statistics (min, max, null count) cover the whole chunk.
struct ColumnChunkWriter {
    let spec: ParquetColumnSpec
    let options: ParquetFileWriter.Options
    let compressor: PageCompressor

    /// The chunk's bytes and metadata; `fileOffset` is where the bytes will start.
    func write(_ values: ParquetColumnValues, fileOffset: Int64) -> (bytes: [UInt8], metaData: ParquetColumnMetaData) {
        var out = [UInt8]()
        var uncompressedTotal: Int64 = 0
        var encodings: [ParquetEncoding] = []
        var dictionaryOffset: Int64? = nil

        func emitPage(_ body: [UInt8], kind: ParquetPageHeader.Kind) {
            let compressed = compressor.zstdCompress(body)
            let header = ParquetPageHeader(kind: kind, uncompressedPageSize: Int32(body.count),
                                           compressedPageSize: Int32(compressed.count)).encoded()
            out.append(contentsOf: header)
            out.append(contentsOf: compressed)
            uncompressedTotal += Int64(header.count + body.count)
        }

        // The dictionary (if used) and a function that appends the values of one page.
        let plan = encodingPlan(values.storage)
        if let dictionaryBody = plan.dictionaryPage {
            dictionaryOffset = fileOffset
            emitPage(dictionaryBody.bytes, kind: .dictionary(numValues: Int32(dictionaryBody.count), encoding: .plain))
            encodings.append(.plain)
        }
        let dataOffset = fileOffset + Int64(out.count)
        let valueEncoding: ParquetEncoding = plan.dictionaryPage == nil ? .plain : .rleDictionary
        if spec.repetition == .optional { encodings.append(.rle) }
        if !encodings.contains(valueEncoding) { encodings.append(valueEncoding) }

        let rows = values.rowCount
        let rowsPerPage = max(1, options.rowsPerPage)
        var firstRow = 0
        var firstValue = 0
        repeat {
            let lastRow = min(rows, firstRow + rowsPerPage)
            var body = [UInt8]()
            var valueCount = lastRow - firstRow
            if spec.repetition == .optional {
                var levels = [UInt32](repeating: 1, count: lastRow - firstRow)
                if let present = values.present {
                    valueCount = 0
                    for r in firstRow..<lastRow where present[r] { valueCount += 1 }
                    for r in firstRow..<lastRow where !present[r] { levels[r - firstRow] = 0 }
                }
                let encoded = RLEHybridEncoder.encode(levels, bitWidth: 1)
                PlainEncoding.append(UInt32(encoded.count), to: &body)
                body.append(contentsOf: encoded)
            }
            plan.appendValues(firstValue..<(firstValue + valueCount), &body)
            emitPage(body, kind: .data(numValues: Int32(lastRow - firstRow), encoding: valueEncoding,
                                      definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle))
            firstRow = lastRow
            firstValue += valueCount
        } while firstRow < rows

        let meta = ParquetColumnMetaData(
            type: spec.physicalType, encodings: encodings, pathInSchema: [spec.name], codec: .zstd,
            numValues: Int64(rows), totalUncompressedSize: uncompressedTotal, totalCompressedSize: Int64(out.count),
            dataPageOffset: dataOffset, dictionaryPageOffset: dictionaryOffset,
            statistics: statistics(values))
        return (out, meta)
    }

    /// How the values are written: the dictionary page body (when dictionary-encoded)
    /// and a function appending the encoded values of a range of non-null values.
    private struct Plan {
        var dictionaryPage: (bytes: [UInt8], count: Int)?
        var appendValues: (Range<Int>, inout [UInt8]) -> Void
    }

    private func encodingPlan(_ storage: ParquetColumnValues.Storage) -> Plan {
        switch storage {
        case let .int32(v): return numericPlan(v, width: 4) { PlainEncoding.append($0, to: &$1) }
        case let .int64(v): return numericPlan(v, width: 8) { PlainEncoding.append($0, to: &$1) }
        case let .double(v):
            let bits = v.map(\.bitPattern)
            return numericPlan(bits, width: 8) { PlainEncoding.append($0, to: &$1) }
        case let .float(v):
            return numericPlan(v.map(\.bitPattern), width: 4) { PlainEncoding.append($0, to: &$1) }
        case let .boolean(v):
            // PLAIN booleans are bit-packed, first value in the lowest bit; no dictionary.
            return Plan(dictionaryPage: nil) { range, body in
                var byte: UInt8 = 0, bit = 0
                for k in range {
                    if v[k] { byte |= 1 << bit }
                    bit += 1
                    if bit == 8 { body.append(byte); byte = 0; bit = 0 }
                }
                if bit > 0 { body.append(byte) }
            }
        case let .byteArray(pool, indices):
            let dictionaryBytes = pool.bytes.count + 4 * pool.count
            if spec.dictionary && dictionaryBytes <= options.maxDictionaryBytes {
                var page = [UInt8]()
                page.reserveCapacity(dictionaryBytes)
                for i in 0..<pool.count { PlainEncoding.appendByteArray(pool[i], to: &page) }
                let width = max(1, RLEHybridEncoder.bitWidth(forMax: UInt32(max(pool.count - 1, 0))))
                return Plan(dictionaryPage: (page, pool.count)) { range, body in
                    body.append(UInt8(width))
                    body.append(contentsOf: RLEHybridEncoder.encode(indices[range].map { UInt32($0) }, bitWidth: width))
                }
            }
            return Plan(dictionaryPage: nil) { range, body in
                for k in range { PlainEncoding.appendByteArray(pool[Int(indices[k])], to: &body) }
            }
        }
    }

    private func numericPlan<T: FixedWidthInteger>(_ v: [T], width: Int, plain: @escaping (T, inout [UInt8]) -> Void) -> Plan {
        if spec.dictionary {
            var index = [T: UInt32]()
            var entries = [T]()
            var ids = [UInt32]()
            ids.reserveCapacity(v.count)
            var fits = true
            for x in v {
                if let id = index[x] { ids.append(id); continue }
                guard (entries.count + 1) * width <= options.maxDictionaryBytes else { fits = false; break }
                index[x] = UInt32(entries.count)
                ids.append(UInt32(entries.count))
                entries.append(x)
            }
            if fits {
                var page = [UInt8]()
                for e in entries { plain(e, &page) }
                let bw = max(1, RLEHybridEncoder.bitWidth(forMax: UInt32(max(entries.count - 1, 0))))
                return Plan(dictionaryPage: (page, entries.count)) { range, body in
                    body.append(UInt8(bw))
                    body.append(contentsOf: RLEHybridEncoder.encode(Array(ids[range]), bitWidth: bw))
                }
            }
        }
        return Plan(dictionaryPage: nil) { range, body in
            body.reserveForAppend(range.count * width)
            for k in range { plain(v[k], &body) }
        }
    }

    /// Min and max in the column's sort order (signed for INT32/INT64 and decimals on
    /// them, IEEE for DOUBLE, unsigned bytewise for byte arrays) and the null count.
    private func statistics(_ values: ParquetColumnValues) -> ParquetStatistics {
        var stats = ParquetStatistics(nullCount: Int64(values.nullCount))
        switch values.storage {
        case let .int32(v):
            if let lo = v.min(), let hi = v.max() { stats.minValue = le(lo); stats.maxValue = le(hi) }
        case let .int64(v):
            if let lo = v.min(), let hi = v.max() { stats.minValue = le(lo); stats.maxValue = le(hi) }
        case let .double(v):
            if let lo = v.min(), let hi = v.max() { stats.minValue = le(lo.bitPattern); stats.maxValue = le(hi.bitPattern) }
        case let .float(v):
            if let lo = v.min(), let hi = v.max() { stats.minValue = le(lo.bitPattern); stats.maxValue = le(hi.bitPattern) }
        case let .boolean(v):
            if let lo = v.min(by: { !$0 && $1 }), let hi = v.max(by: { !$0 && $1 }) { stats.minValue = [lo ? 1 : 0]; stats.maxValue = [hi ? 1 : 0] }
        case let .byteArray(pool, indices):
            var used = [Bool](repeating: false, count: pool.count)
            for i in indices { used[Int(i)] = true }
            var lo: ArraySlice<UInt8>?, hi: ArraySlice<UInt8>?
            for i in 0..<pool.count where used[i] {
                let s = pool[i]
                if lo == nil || s.lexicographicallyPrecedes(lo!) { lo = s }
                if hi == nil || hi!.lexicographicallyPrecedes(s) { hi = s }
            }
            if let lo, let hi { stats.minValue = Array(lo); stats.maxValue = Array(hi) }
        }
        return stats
    }

    private func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        var out = [UInt8]()
        PlainEncoding.append(v, to: &out)
        return out
    }
}
