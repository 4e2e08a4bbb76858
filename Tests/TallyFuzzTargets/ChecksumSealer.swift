import TallyFormat

/// Rewrites the checksums of a mutated manifest or part file so they match its bytes.
///
/// Without this almost every mutation fails the first CRC check, and the fuzzer never
/// reaches the decoders behind it (footer, dictionaries, column blocks, codecs). Sealing is
/// a pure function of the input, so a sealed input replays the same way in `FuzzTests`.
enum ChecksumSealer {
    static let manifestMagic: [UInt8] = Array("TALLYMF1".utf8)

    /// The input with the manifest magic in front and a matching CRC-32C at the end, or
    /// `nil` when it is too short to be a manifest.
    static func sealManifest(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= manifestMagic.count + 4 else { return nil }
        var sealed = bytes
        sealed.replaceSubrange(0..<manifestMagic.count, with: manifestMagic)
        let crc = CRC32C.checksum(Array(sealed[..<(sealed.count - 4)]))
        write(crc, into: &sealed, at: sealed.count - 4)
        return sealed
    }

    /// The footer's place in a part: its offset and length as the trailer gives them, or
    /// `nil` when the trailer does not fit the file.
    static func footerRange(_ part: [UInt8]) -> Range<Int>? {
        let trailer = PartFormat.trailerSize
        guard part.count >= PartFormat.magic.count + trailer else { return nil }
        let length = Int(read(part, at: part.count - trailer))
        let offset = part.count - trailer - length
        guard offset >= PartFormat.magic.count else { return nil }
        return offset..<(offset + length)
    }

    /// The part with the trailer's footer CRC made to match the footer bytes.
    static func sealFooter(_ part: [UInt8]) -> [UInt8] {
        guard let footer = footerRange(part) else { return part }
        var sealed = part
        write(CRC32C.checksum(Array(part[footer])), into: &sealed, at: part.count - PartFormat.trailerSize + 4)
        return sealed
    }

    /// The part with every blob's checksum in the footer made to match the blob's bytes,
    /// then the footer CRC resealed. `blobs` come from the decoded footer; a checksum is
    /// found in the footer by its four bytes (it is stored fixed-width), first occurrence.
    static func sealBlobs(_ part: [UInt8], blobs: [BlobRef]) -> [UInt8] {
        guard let footer = footerRange(part) else { return part }
        var sealed = part
        for blob in blobs where blob.offset >= 0 && blob.storedLength >= 0 && blob.offset <= footer.lowerBound - blob.storedLength {
            let actual = CRC32C.checksum(Array(part[blob.offset..<(blob.offset + blob.storedLength)]))
            guard actual != blob.checksum else { continue }
            let stored = littleEndianBytes(blob.checksum)
            var i = footer.lowerBound
            while i + 4 <= footer.upperBound {
                if Array(sealed[i..<(i + 4)]) == stored {
                    write(actual, into: &sealed, at: i)
                    break
                }
                i += 1
            }
        }
        return sealFooter(sealed)
    }

    static func littleEndianBytes(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }

    static func write(_ value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        bytes.replaceSubrange(offset..<(offset + 4), with: littleEndianBytes(value))
    }

    static func read(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }
}
