import Foundation
import Testing
import TallyTestSupport
@testable import TallyIngest
import Tally

/// A file's identity is what makes a repeated import a duplicate: it must depend on the
/// bytes only (not on how they were read), tell different bytes apart, and the identity
/// older builds gave a file must still be computed exactly, so that stores they wrote
/// still recognise their files.
@Suite struct FileIdentityTests {
    @Test(arguments: [1, 7, 8, 33, 1 << 20, (1 << 20) + 3, 3 * (1 << 20) - 5])
    func aFileAndItsBytesHaveTheSameIdentity(size: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var g = SeededGenerator(seed: UInt64(size))
        var bytes = [UInt8](repeating: 0, count: size)
        for i in 0..<size { bytes[i] = UInt8.random(in: 0...255, using: &g) }
        let path = dir.path + "/f.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let identity = try FileIdentity.of(path: path)
        #expect(identity.hasPrefix("file2:\(size):"))
        #expect(identity == FileIdentity.of(bytes: bytes))
        #expect(FileIdentity.length(of: identity) == size)

        bytes[size / 2] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try FileIdentity.of(path: path) != identity)
    }

    /// The value pinned here is what the build before session 7 (17962c4) recorded for
    /// this file in its manifest.
    @Test func theOlderIdentityIsComputedAsOlderBuildsDid() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = "project_id,ts,service,unit,quantity\nacme,1767225600000,anthropic,input_tokens,12\n"
        let path = dir.path + "/legacy.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(try FileIdentity.legacy(path: path) == "file:81:807cd750:185d51728d0e4f77")
        #expect(FileIdentity.legacy(bytes: Array(text.utf8)) == "file:81:807cd750:185d51728d0e4f77")
        #expect(FileIdentity.length(of: "file:81:807cd750:185d51728d0e4f77") == 81)
    }

    /// The hash depends on the bytes only: any split of the stream gives the same value,
    /// and changing, appending or removing a byte (a zero byte too) changes it.
    @Test func contentHashIgnoresHowTheStreamIsSplit() {
        var g = SeededGenerator(seed: 5)
        for _ in 0..<300 {
            let n = Int.random(in: 0...300, using: &g)
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }
            var whole = ContentHasher()
            bytes.withUnsafeBytes { whole.update($0) }
            var pieces = ContentHasher()
            var i = 0
            while i < n {
                let k = min(n - i, Int.random(in: 1...40, using: &g))
                bytes.withUnsafeBytes { pieces.update(UnsafeRawBufferPointer(rebasing: $0[i..<i + k])) }
                i += k
            }
            #expect(whole.finalize() == pieces.finalize() && whole.length == n)
            var longer = ContentHasher()
            (bytes + [0]).withUnsafeBytes { longer.update($0) }
            #expect(longer.finalize() != whole.finalize())
            if n > 0 {
                var changed = bytes
                changed[Int.random(in: 0..<n, using: &g)] ^= UInt8(1) << UInt8.random(in: 0...7, using: &g)
                var other = ContentHasher()
                changed.withUnsafeBytes { other.update($0) }
                #expect(other.finalize() != whole.finalize())
            }
        }
    }

    /// The readers hash the input as they read it: once every byte is read, the identity
    /// is the file's, whatever the block size; before that there is none.
    @Test(arguments: [1, 7, 64, 1 << 20])
    func readersGiveTheIdentityOfWhatTheyRead(blockSize: Int) throws {
        var text = "project_id,ts,service,unit,quantity\n"
        for i in 0..<300 { text += "acme,\(1_767_225_600_000 + i),anthropic,input_tokens,\(i)\n" }
        let bytes = Array(text.utf8)
        let options = RecordImportOptions(blockSize: blockSize)
        var csv = try CSVRecordReader(bytes: bytes, name: "t.csv", options: options)
        var records = [UsageRecord]()
        #expect(try csv.nextBatch(into: &records, maxCount: 10) == 10)
        if blockSize < bytes.count { #expect(csv.contentIdentity == nil) }
        while try csv.nextBatch(into: &records, maxCount: 100) > 0 {}
        #expect(records.count == 300)
        #expect(csv.contentIdentity == FileIdentity.of(bytes: bytes))

        let jsonl = records.map { #"{"project_id":"acme","ts":\#($0.ts),"service":"anthropic","unit":"input_tokens","quantity":1}"# }
            .joined(separator: "\n") + "\n"
        var reader = JSONLRecordReader(bytes: Array(jsonl.utf8), name: "t.jsonl", options: options)
        records.removeAll()
        while try reader.nextBatch(into: &records, maxCount: 100) > 0 {}
        #expect(records.count == 300)
        #expect(reader.contentIdentity == FileIdentity.of(bytes: Array(jsonl.utf8)))
    }

    @Test func anEmptyFileHasAnIdentity() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/empty.csv"
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(try FileIdentity.of(path: path) == FileIdentity.of(bytes: []))
    }
}
