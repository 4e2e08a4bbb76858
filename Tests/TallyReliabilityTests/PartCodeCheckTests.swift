import Foundation
import Testing
import Tally
import TallyFuzzTargets

/// A part whose checksums match but whose string codes point past their dictionary (the
/// first libFuzzer finding: a negative code trapped in `readAllRecords`) is reported as
/// corrupt, naming the column, wherever its codes are read.
@Suite struct PartCodeCheckTests {
    @Test func aCodeOutsideItsDictionaryIsCorruptNotATrap() throws {
        let input = try [UInt8](Data(contentsOf: URL(fileURLWithPath: FuzzTests.testsFolder + "/FuzzRegressions/part/code-outside-dictionary.tly")))
        let scratch = try ScratchDirectory(prefix: "tally-part-codes")
        defer { scratch.remove() }
        let sealed = try #require(FuzzHarness(target: .part, scratchFolder: scratch.path).sealedPart(input))
        let file = scratch.path + "/part.tly"
        _ = FileManager.default.createFile(atPath: file, contents: Data(sealed))
        let reader = try PartReader(path: file)
        for read in [{ try reader.verify() }, { try reader.readAllRecords { _ in } }] {
            do {
                try read()
                Issue.record("the damaged part read without an error")
            } catch let error as StorageError {
                #expect("\(error)".contains("outside the"), "\(error)")
                #expect("\(error)".contains(file), "\(error)")
            }
        }
    }
}
