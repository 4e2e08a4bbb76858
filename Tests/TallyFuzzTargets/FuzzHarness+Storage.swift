import Foundation
import TallyFormat
import TallyStore

extension FuzzHarness {
    /// The input as it is, then sealed (magic and CRC made right) so the body's decoder runs.
    func runManifest(_ bytes: [UInt8]) {
        _ = try? Manifest.decode(bytes)
        if let sealed = ChecksumSealer.sealManifest(bytes) { _ = try? Manifest.decode(sealed) }
    }

    /// The part reader opens files by path, so the input is written to one first: as it
    /// is (the trailer and footer checks), then sealed (`sealedPart`), which is read whole.
    func runPart(_ bytes: [UInt8]) {
        let file = scratchFolder + "/part.tly"
        _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
        _ = try? PartReader(path: file)
        guard let sealed = sealedPart(bytes) else { return }
        _ = FileManager.default.createFile(atPath: file, contents: Data(sealed))
        guard let reader = try? PartReader(path: file) else { return }
        _ = try? reader.verify()
        let batch = ColumnBatch()
        _ = try? reader.readAllRecords(batch: batch) { _ in }
        _ = try? reader.scan(columns: Set(Column.allCases), rows: 0..<reader.footer.rowCount, batch: batch) { _, _ in }
        readRollups(reader)
    }
}

extension FuzzHarness {
    /// The input with the footer CRC sealed (so the footer decoder runs) and then every
    /// blob checksum the decoded footer lists (so dictionaries, column blocks, codecs and
    /// rollups are decoded), or `nil` when even the sealed footer does not open.
    package func sealedPart(_ bytes: [UInt8]) -> [UInt8]? {
        let file = scratchFolder + "/sealing.tly"
        let footerSealed = ChecksumSealer.sealFooter(bytes)
        _ = FileManager.default.createFile(atPath: file, contents: Data(footerSealed))
        guard let reader = try? PartReader(path: file) else { return nil }
        let footer = reader.footer
        let blobs = footer.dictionaries.compactMap { $0 } + footer.rowGroups.flatMap { $0.chunks.compactMap { $0?.blob } }
            + footer.sections.keys.sorted().compactMap { footer.sections[$0] }
        return ChecksumSealer.sealBlobs(footerSealed, blobs: blobs)
    }

    /// The rollup sections and the run index, decoded as queries decode them, and every
    /// dictionary.
    func readRollups(_ reader: PartReader) {
        for kind in [RollupBatch.Kind.hourly, .runs] { _ = try? reader.rollupBatch(kind) }
        _ = try? reader.runIndex()
        for column in Column.allCases { _ = try? reader.dictionary(column, keep: false) }
    }
}
