#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import Tally
import TallyTestSupport

/// Found by the fault sweep of an import into a new store (issue #19): after an import
/// failed on a read of its input, reopening the store in the same process sometimes
/// failed with "locked for writing by another process": the import's appending thread
/// still held the transaction, and through it the store and its write lock, for a moment
/// after the import had returned. A failed import must release the store when it returns.
@Suite struct FailedImportReleasesTheStoreTests {
    @Test func theStoreReopensAtOnceAfterAFailedImport() throws {
        let dir = try ScratchDirectory(prefix: "tally-failed-import")
        defer { dir.remove() }
        let path = dir.path + "/store"
        try PowerLossTests.makeBase(at: path)
        let input = dir.path + "/input.csv"
        var writer = CSVRecordWriter()
        try writer.write(contentsOf: ReliabilityRecords.make(count: 4000, seed: 5, prefix: "imp", projects: 2))
        try Data(writer.takeBytes()).write(to: URL(fileURLWithPath: input))
        var options = Importer.Options()
        options.batchSize = 256
        for round in 0..<200 {
            let injector = FaultInjector([FaultInjector.Rule(operation: .read, pathContains: "input.csv", errno: EIO, skip: round % 2)])
            do {
                let store = try PowerLossTests.open(path, fileSystem: FileSystem(faults: injector))
                _ = try Importer(store: store).importFile(input, options: options)
                try store.close()
                Issue.record("round \(round): the import did not fail")
            } catch let error as ImportError {
                #expect("\(error)".contains(input), "\(error)")
            }
            // The failed import's store is gone: a new one opens for writing.
            let again = try PowerLossTests.open(path, fileSystem: FileSystem())
            try again.close()
        }
    }
}
