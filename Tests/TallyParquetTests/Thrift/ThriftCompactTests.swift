import Testing
@testable import TallyParquet

@Suite struct ThriftCompactTests {
    @Test func fileMetaDataRoundTrips() throws {
        let stats = ParquetStatistics(nullCount: 3, minValue: [1, 2], maxValue: [0xFF])
        let meta = ParquetColumnMetaData(
            type: .int64, encodings: [.plain, .rle, .rleDictionary], pathInSchema: ["cost_usd"], codec: .zstd, numValues: 1 << 40,
            totalUncompressedSize: 123_456_789_012, totalCompressedSize: 42, dataPageOffset: 4, dictionaryPageOffset: nil, statistics: stats)
        let schema = [
            ParquetSchemaElement(name: "schema", numChildren: 3),
            ParquetSchemaElement(name: "ts", type: .int64, repetition: .required, logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis), convertedType: 9),
            ParquetSchemaElement(name: "cost_usd", type: .int64, repetition: .optional, logicalType: .decimal(scale: 9, precision: 18), convertedType: 5),
            ParquetSchemaElement(name: "ünï", type: .int32, repetition: .optional, logicalType: .integer(bitWidth: -8, isSigned: false)),
        ]
        let groups = (0..<20).map { i in
            ParquetRowGroup(columns: [ParquetColumnChunk(fileOffset: Int64(i), metaData: meta)], totalByteSize: -1, numRows: Int64(i),
                            fileOffset: Int64.max, totalCompressedSize: Int64.min)
        }
        let file = ParquetFileMetaData(schema: schema, numRows: 190, rowGroups: groups,
                                       keyValueMetadata: [ParquetKeyValue(key: "k", value: nil), ParquetKeyValue(key: "", value: "v")],
                                       createdBy: "tally test", typeDefinedOrderColumns: 17)
        let decoded = try ParquetFileMetaData(decoding: file.encoded())
        #expect(decoded == file)
    }

    @Test func pageHeadersRoundTrip() throws {
        let kinds: [ParquetPageHeader.Kind] = [
            .data(numValues: 7, encoding: .rleDictionary, definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle),
            .dictionary(numValues: 0, encoding: .plain),
            .dataV2(numValues: 5, numNulls: 1, numRows: 5, encoding: .plain, definitionLevelsByteLength: 3,
                    repetitionLevelsByteLength: 0, isCompressed: false),
        ]
        for kind in kinds {
            let header = ParquetPageHeader(kind: kind, uncompressedPageSize: 1 << 30, compressedPageSize: 0)
            var r = ThriftCompactReader(header.encoded() + [9, 9])
            #expect(try ParquetPageHeader(from: &r) == header)
            #expect(r.position == header.encoded().count)
        }
    }

    /// A struct with fields the reader does not know, of every type and nested, decodes
    /// to its known fields: unknown ones are skipped by type. Bytes built by hand from
    /// the compact protocol spec.
    @Test func unknownFieldsAreSkipped() throws {
        var b: [UInt8] = [0x18, 3] + Array("key".utf8)  // field 1 (delta 1), binary "key"
        b += [0x26, 0x01]  // field 3, i64 -1 (zigzag 1)
        b += [0x11]  // field 4, bool true
        b += [0x17, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F]  // field 5, double 1.0
        b += [0x08, 80, 3, 1, 2, 3]  // field 40 (long form: zigzag 80), binary
        b += [0x19, 0xFC, 20]  // field 41, list of 20 structs
        for i in 0..<20 { b += [0x15, UInt8(i * 2), 0x1C, 0x00, 0x00] }  // {1: i32 i, 2: {}}
        b += [0x1B, 1, 0x56, 2, 6]  // field 42, map<i32, i64> {1: 3}
        b += [0x1A, 0x31, 1, 2, 1]  // field 43, set of 3 bools
        b += [0x00]  // stop
        var r = ThriftCompactReader(b)
        let kv = try ParquetKeyValue(from: &r)
        #expect(kv.key == "key")
        #expect(kv.value == nil)
        #expect(r.position == b.count)
    }

    @Test func truncatedInputThrowsInsteadOfCrashing() throws {
        let file = ParquetFileMetaData(schema: [ParquetSchemaElement(name: "schema", numChildren: 0)], numRows: 0, rowGroups: [])
        let bytes = file.encoded()
        for n in 0..<bytes.count {
            #expect(throws: ParquetError.self) { _ = try ParquetFileMetaData(decoding: Array(bytes.prefix(n))) }
        }
    }

    @Test func deepNestingIsRejected() {
        var bytes = [UInt8]()
        for _ in 0..<200 { bytes.append(0x1C) }  // field 1, struct, nested forever
        var r = ThriftCompactReader(bytes)
        #expect(throws: ParquetError.self) { try r.beginStruct(); if let f = try r.readFieldHeader() { try r.skip(f.type) } }
    }
}
