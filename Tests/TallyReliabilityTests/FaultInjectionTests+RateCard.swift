import Foundation
import Testing
import Tally
import TallyTestSupport

/// The store's rate card (`rates.json`) under injected faults: opening a priced store
/// reads it, saving replaces it atomically. A failure throws a typed error naming the
/// path the fault hit, and leaves the old card or (only when the failure came after the
/// rename, at the folder's fsync) the new one, whole.
extension FaultInjectionTests {
    /// Opens the store at `path` priced (reading its card) through `fileSystem`, saves
    /// `card` and closes; `saved` is called once the card is in place.
    static func saveRateCard(_ card: RateCard, at path: String, fileSystem: FileSystem, saved: () -> Void) throws {
        var options = StoreOptions()
        options.compactionThreshold = 0
        options.fileSystem = fileSystem
        let store = try Store.openPriced(at: path, options: options)
        try store.saveRateCard(card)
        saved()
        try store.close()
    }

    /// The card saved in the store at `path`, as JSON (nil: none saved).
    static func savedCard(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path + "/" + Store.rateCardFileName).map { [UInt8]($0) }
    }

    @Test func rateCardFaultsKeepTheOldCardOrTheNewWhole() throws {
        let dir = try ScratchDirectory(prefix: "tally-faults-rates")
        defer { dir.remove() }
        let template = dir.path + "/template"
        let base = try Self.makeBase(at: template)
        let old = RateCard.reference
        let new = RateCard(rows: Array(old.rows.dropLast()))
        try Self.saveRateCard(old, at: template, fileSystem: FileSystem(), saved: {})
        let path = dir.path + "/trial"
        let figures = FaultSweep.run { injector, rule, context in
            try FaultSweep.copy(template, to: path)
            var saved = false
            var thrown = false
            do {
                try Self.saveRateCard(new, at: path, fileSystem: FileSystem(faults: injector), saved: { saved = true })
            } catch {
                thrown = true
                FaultSweep.expectClear(error, injector: injector, errno: rule.errno, expected: [StorageError.self], context: context)
                let seen = Self.savedCard(path)
                let landed = seen == new.jsonBytes() && (saved || injector.injected.first?.path == path)
                #expect(seen == old.jsonBytes() || landed, "\(context): the card is neither the old nor the new one after \(error)")
                try Self.saveRateCard(new, at: path, fileSystem: FileSystem(), saved: {})
            }
            #expect(Self.savedCard(path) == new.jsonBytes(), "\(context): after the retry")
            #expect(try StoreContents(storeAt: path) == base, "\(context): the store's rows changed")
            return thrown
        }
        #expect(figures.faultsThrown > 0)
        ReliabilityBudget.report("faults rate card: \(figures)")
    }
}
