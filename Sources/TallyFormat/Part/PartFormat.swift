import TallySystem
/// The on-disk format of a part file.
///
/// A part holds the rows of one project within one UTC month, sorted by
/// (day, run, time of day) so that the columns that repeat within a run or a step form
/// long runs. It is immutable once written.
///
/// ```
/// offset        size  meaning
/// 0             8     magic "TALLYPT1"
/// 8             ...   blobs: compressed column chunks and dictionaries, back to back
/// F             L     footer (see PartFooter), varint-encoded
/// end-16        4     L, the footer's length (UInt32 LE)
/// end-12        4     CRC-32C of the footer bytes (UInt32 LE)
/// end-8         8     magic "TALLYPT1"
/// ```
///
/// Every blob is described in the footer by a `BlobRef` (offset, stored length, raw
/// length, codec, CRC-32C of the stored bytes), so a reader reads the 16-byte trailer,
/// then the footer, then exactly the blobs a query needs, and checks each checksum
/// before decompressing it. A file whose trailer, footer or blobs fail these checks is
/// reported as corrupt with its path; it is never half-trusted.
///
/// Rows are grouped into row groups of at most `PartFormat.rowGroupSize` rows. Each
/// row group has one chunk per stored column, with min/max statistics and a null count,
/// so that scans skip row groups (by ts) and columns they do not need.
package enum PartFormat {
    /// The 8-byte magic at both ends of a part file.
    package static let magic: [UInt8] = Array("TALLYPT1".utf8)
    /// The size of the fixed trailer.
    package static let trailerSize = 16
    /// The footer layout version this code writes. Version 2 added the `request_id`
    /// column; the layout is otherwise the same, so version 1 parts are still read (their
    /// rows have no request id). Builds that read only version 1 refuse a version 2 part
    /// by its version rather than misreading it. Version 3 added encodings (integer
    /// sequences as varints, tag 6, usually Zstandard-compressed even in LZ4 stores;
    /// numeric string dictionaries) that version 2 readers would reject as malformed or,
    /// for a numeric dictionary, misread as empty, and parts that hold rows of several
    /// months of one project (small partitions share a part, see `PartSpans` in the
    /// store), whose day index may list more than 31 days.
    package static let footerVersion: UInt64 = 3
    /// The oldest footer version this code reads.
    package static let oldestFooterVersion: UInt64 = 1
    /// The maximum number of rows in a row group (what readers accept and scan buffers hold).
    package static let rowGroupSize = 65_536
    /// The number of rows in the row groups this code writes.
    package static let writtenRowGroupSize = 16_384
    /// The file name extension of part files.
    package static let fileExtension = "tly"
}

/// Where a blob lives in a part file and how to read it back.
package struct BlobRef: Sendable, Hashable {
    /// Offset of the stored bytes from the start of the file.
    package var offset: Int
    /// The stored (compressed) length.
    package var storedLength: Int
    /// The length after decompression.
    package var rawLength: Int
    /// The codec the stored bytes use.
    package var codec: Codec
    /// CRC-32C of the stored bytes.
    package var checksum: UInt32

    func write(to w: inout ByteWriter) {
        w.writeVarUInt(UInt64(offset))
        w.writeVarUInt(UInt64(storedLength))
        w.writeVarUInt(UInt64(rawLength))
        w.write(codec.rawValue)
        w.writeFixed(checksum)
    }

    static func read(from r: inout ByteReader, fileSize: Int) throws(FormatError) -> BlobRef {
        let offset = try r.readCount(limit: fileSize)
        let stored = try r.readCount(limit: fileSize)
        let raw = try r.readCount(limit: 1 << 31)
        guard let codec = Codec(rawValue: try r.readByte()) else { throw .malformed("unknown codec") }
        let crc = try r.readFixed(UInt32.self)
        guard offset + stored <= fileSize else { throw .malformed("blob at \(offset)+\(stored) past end of file (\(fileSize))") }
        return BlobRef(offset: offset, storedLength: stored, rawLength: raw, codec: codec, checksum: crc)
    }
}
