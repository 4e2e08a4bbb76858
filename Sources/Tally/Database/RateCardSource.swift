#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A database's rate card as the file `rates.json` has it now.
///
/// Another process (`tally rates set`, another host) may replace the file at any time.
/// The card in memory is checked against the file's signature (inode, size, modification
/// time) before it prices records or cache savings, so a change is seen by the next
/// append or question; appends check at most every `appendCheckInterval`, since a
/// `stat` per record would cost more than the append itself.
final class RateCardSource: Sendable {
    /// The database folder.
    let storePath: String
    /// Its rate card file.
    var path: String { storePath + "/" + Store.rateCardFileName }
    let fileSystem: FileSystem
    /// The pricer the store calls for records without a cost; replaced in place.
    let pricer: RateCardPricer
    private let state: Mutex<State>
    /// Monotonic nanoseconds after which an append checks the file again.
    private let nextAppendCheck = Atomic<UInt64>(0)
    static let appendCheckInterval: UInt64 = 100_000_000

    private struct State {
        var signature: FileSignature?
        var savings: RateCardCacheSavings
    }

    init(storePath: String, fileSystem: FileSystem) throws {
        self.storePath = storePath
        self.fileSystem = fileSystem
        let signature = try fileSystem.signature(of: storePath + "/" + Store.rateCardFileName)
        let card = try Store.loadRateCard(storePath: storePath, fileSystem: fileSystem) ?? .reference
        pricer = RateCardPricer(card: card)
        state = Mutex(State(signature: signature, savings: RateCardCacheSavings(card: card)))
    }

    /// The current card, re-read first if the file changed.
    func card() throws -> RateCard {
        try refresh()
        return pricer.rateCard
    }

    /// Cache savings priced from the current card.
    func cacheSavings() throws -> RateCardCacheSavings {
        try refresh()
        return state.withLock { $0.savings }
    }

    /// Re-reads the card if the file changed, at most once per check interval.
    @inline(__always)
    func refreshBeforeAppend() throws {
        let now = Self.monotonicNanos()
        guard now >= nextAppendCheck.load(ordering: .relaxed) else { return }
        nextAppendCheck.store(now + Self.appendCheckInterval, ordering: .relaxed)
        try refresh()
    }

    /// Saves `card` atomically and prices with it from now on.
    func save(_ card: RateCard) throws {
        try state.withLock { s in
            try Store.writeRateCard(card, storePath: storePath, fileSystem: fileSystem)
            s.signature = try fileSystem.signature(of: path)
            s.savings = RateCardCacheSavings(card: card)
            pricer.replace(with: card)
        }
    }

    private func refresh() throws {
        let signature = try fileSystem.signature(of: path)
        try state.withLock { s in
            guard signature != s.signature else { return }
            let card = try Store.loadRateCard(storePath: storePath, fileSystem: fileSystem) ?? .reference
            s.signature = signature
            s.savings = RateCardCacheSavings(card: card)
            pricer.replace(with: card)
        }
    }

    private static func monotonicNanos() -> UInt64 {
        var t = timespec()
        #if os(Linux)
        clock_gettime(CLOCK_MONOTONIC_COARSE, &t)
        #else
        clock_gettime(CLOCK_MONOTONIC, &t)
        #endif
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }
}
