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
    /// is (the trailer and footer checks), then with the footer CRC sealed (the footer
    /// decoder), then with every blob checksum sealed too (dictionaries, column blocks,
    /// codecs, rollups), which is read whole.
    func runPart(_ bytes: [UInt8]) {
        let file = scratchFolder + "/part.tly"
        func open(_ part: [UInt8]) -> PartReader? {
            _ = FileManager.default.createFile(atPath: file, contents: Data(part))
            return try? PartReader(path: file)
        }
        _ = open(bytes)
        let footerSealed = ChecksumSealer.sealFooter(bytes)
        guard let first = open(footerSealed) else { return }
        let footer = first.footer
        let blobs = footer.dictionaries.compactMap { $0 } + footer.rowGroups.flatMap { $0.chunks.compactMap { $0?.blob } }
            + footer.sections.keys.sorted().compactMap { footer.sections[$0] }
        guard let reader = open(ChecksumSealer.sealBlobs(footerSealed, blobs: blobs)) else { return }
        _ = try? reader.verify()
        let batch = ColumnBatch()
        _ = try? reader.readAllRecords(batch: batch) { _ in }
        _ = try? reader.scan(columns: Set(Column.allCases), rows: 0..<reader.footer.rowCount, batch: batch) { _, _ in }
        readRollups(reader)
    }
}

extension FuzzHarness {
    /// The rollup sections, decoded as queries decode them, and every dictionary.
    func readRollups(_ reader: PartReader) {
        for kind in [RollupBatch.Kind.hourly, .runs] { _ = try? reader.rollupBatch(kind) }
        for column in Column.allCases { _ = try? reader.dictionary(column, keep: false) }
    }
}
