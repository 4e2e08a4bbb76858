import Foundation
import Testing
import TallyTestSupport
@testable import Tally

/// A file's identity is what makes a repeated import a duplicate, so it must not depend
/// on how the bytes were read: mapped and read in blocks, files of every size around
/// the 1 MiB block give the same identity, and the identity tells different bytes apart.
@Suite struct FileIdentityTests {
    @Test(arguments: [1, 7, 8, 1 << 20, (1 << 20) + 3, 3 * (1 << 20) - 5])
    func mappedAndReadFilesHaveTheSameIdentity(size: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var g = SeededGenerator(seed: UInt64(size))
        var bytes = [UInt8](repeating: 0, count: size)
        for i in 0..<size { bytes[i] = UInt8.random(in: 0...255, using: &g) }
        let path = dir.path + "/f.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let mapped = try FileIdentity.of(path: path)
        #expect(mapped == (try FileIdentity.of(path: path, mapping: false)))
        #expect(mapped.hasPrefix("file2:\(size):"))
        #expect(mapped == FileIdentity.of(bytes: bytes))
        #expect(FileIdentity.length(of: mapped) == size)

        bytes[size / 2] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try FileIdentity.of(path: path) != mapped)
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

    /// Hashing a mapped file keeps the resident set bounded: pages already hashed are
    /// released as it goes (a 256 MiB file may not add more than 96 MiB at any moment).
    @Test func fingerprintingAMappedFileStaysWithinConstantMemory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/big.csv"
        let block = [UInt8](repeating: 0x61, count: 1 << 20)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(fd >= 0)
        for _ in 0..<256 { _ = block.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) } }
        close(fd)
        func residentBytes() -> Int {
            let fields = ((try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? "").split(separator: " ")
            return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
        }
        let before = residentBytes()
        var peak = before
        var hashed = 0, touched = 0
        try FileIdentity.forEachBlock(ofFileAt: path, mapping: true) { bytes in
            hashed += bytes.count
            // Every page is read, as hashing reads it.
            for i in stride(from: 0, to: bytes.count, by: 4096) { touched &+= Int(bytes[i]) }
            peak = max(peak, residentBytes())
        }
        #expect(hashed == 256 << 20 && touched == 0x61 * (256 << 8))
        #expect(peak - before < 96 << 20, "resident set grew by \((peak - before) >> 20) MiB")
    }

    @Test func anEmptyFileHasAnIdentity() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/empty.csv"
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(try FileIdentity.of(path: path) == (try FileIdentity.of(path: path, mapping: false)))
    }
}
