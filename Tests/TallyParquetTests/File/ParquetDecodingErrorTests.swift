import Testing
import TallyParquet

/// The decoders' errors are `ParquetError`s without a file or place, and the reader
/// throws the same reason naming both: one error type from the bytes up, with the
/// messages it always had.
@Suite struct ParquetDecodingErrorTests {
    @Test func aDecoderErrorHasNoPlaceInItsMessage() {
        #expect {
            _ = try ParquetFileMetaData(decoding: [0xFF, 0xFF])
        } throws: { error in
            guard case let ParquetError.malformed(path, location, reason) = error else { return false }
            return path.isEmpty && location.isEmpty && "\(error)" == "malformed Parquet: \(reason)"
        }
        #expect("\(ParquetError.decoding("a codec", unsupported: true))" == "a codec")
    }

    @Test func theReaderNamesTheFileAndTheFooter() throws {
        var bytes = try MalformedFileTests.validFile()
        let n = bytes.count
        let footerLength = Int(bytes[n - 8]) | Int(bytes[n - 7]) << 8 | Int(bytes[n - 6]) << 16 | Int(bytes[n - 5]) << 24
        for i in (n - 8 - footerLength)..<(n - 8) { bytes[i] = 0xFF }
        var decoderReason = ""
        do { _ = try ParquetFileMetaData(decoding: Array(bytes[(n - 8 - footerLength)..<(n - 8)])) } catch { decoderReason = error.reason }
        #expect(!decoderReason.isEmpty)
        #expect(throws: ParquetError.malformed(path: "f.parquet", location: "footer", reason: decoderReason)) {
            _ = try ParquetFileReader(source: ParquetByteSource(bytes: bytes, name: "f.parquet"))
        }
        #expect("\(ParquetError.malformed(path: "f.parquet", location: "footer", reason: decoderReason))"
            == "f.parquet: footer: malformed Parquet: \(decoderReason)")
    }
}
