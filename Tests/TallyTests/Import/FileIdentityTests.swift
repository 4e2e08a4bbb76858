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
        #expect(mapped.hasPrefix("file:\(size):"))

        bytes[size / 2] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try FileIdentity.of(path: path) != mapped)
    }

    @Test func anEmptyFileHasAnIdentity() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/empty.csv"
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(try FileIdentity.of(path: path) == (try FileIdentity.of(path: path, mapping: false)))
    }
}
