import Foundation
import TallyFormat
import TallyStore

/// Decoded columns kept in memory between queries, as segments of consecutive parts,
/// within a byte budget: what lets a scan over raw columns run at memory speed instead
/// of decoding every part again (the store's compression is for the disk and the page
/// cache; the decoded form is for the operators). ClickHouse's uncompressed-block cache
/// and DuckDB's buffer pool play the same part.
///
/// - **Packing.** A snapshot's parts are ordered by (project, month, part id) and packed
///   greedily into segments of at most `segmentRows` rows; a part larger than that is
///   split. So a project's parts are neighbours (a query of one project touches few
///   segments), and a store of thousands of small parts is scanned as a few hundred
///   segments. The packing depends only on the parts, so a segment whose parts are
///   unchanged is found again by its key after other parts change.
/// - **Admission.** A segment is loaded on the second statement that reads it, so a
///   one-statement process never pays for loading.
/// - **Budget.** `budgetBytes` (the environment variable `TALLY_RESIDENT_MB` sets it in
///   MiB, 0 turns the cache off; by default a quarter of physical memory, at most 4 GiB)
///   bounds the loaded columns and global dictionaries. A load that would exceed it first
///   evicts the least recently used segments not in use by the asking query; what still
///   does not fit is not cached, and the scan decodes those parts as it always did.
/// - **Correctness.** Parts are immutable and a segment is keyed by its parts' paths and
///   row ranges, so a cached vector is always the part's content; a replaced part's
///   segments are simply never asked for again and age out.
package final class ResidentCache: @unchecked Sendable {
    /// The process's cache.
    package static let shared = ResidentCache(budgetBytes: ResidentCache.defaultBudget())

    /// Rows per segment at most (DuckDB's row groups are 122,880 rows; operators work on
    /// a segment as one chunk, so it stays within a few MiB per column).
    static let segmentRows = 65_536

    let budgetBytes: Int
    private let lock = NSLockLike()
    private var segments: [String: ResidentSegment] = [:]
    private var dictionaries: [Int: GlobalDictionary] = [:]
    private var clock = 0
    private var lastPacking: (parts: [ObjectIdentifier], segments: [ResidentSegment], byPart: [ObjectIdentifier: [Int]])?

    /// A cache of `budgetBytes` (0: off); the process shares `shared`, tests make their own.
    package init(budgetBytes: Int) { self.budgetBytes = budgetBytes }

    static func defaultBudget() -> Int {
        if let text = ProcessInfo.processInfo.environment["TALLY_RESIDENT_MB"], let mb = Int(text) { return max(0, mb) << 20 }
        return Int(min(ProcessInfo.processInfo.physicalMemory / 4, 4 << 30))
    }

    /// Whether the cache holds anything at all.
    var isEnabled: Bool { budgetBytes > 0 }

    /// The global dictionary of text column `index`.
    func dictionary(_ index: Int) -> GlobalDictionary {
        lock.locked {
            if let d = dictionaries[index] { return d }
            let d = GlobalDictionary()
            dictionaries[index] = d
            return d
        }
    }

    /// The segments of `parts` (a snapshot's, in its order), reusing cached ones.
    func segments(of parts: [PartHandle]) -> [ResidentSegment] { packing(of: parts).segments }

    /// The segments of `parts` (a snapshot's, in its order), and for each part the indices
    /// of the segments holding its rows: a question about a few projects of a store of
    /// thousands of parts looks at their segments only, not at every piece.
    func packing(of parts: [PartHandle]) -> (segments: [ResidentSegment], byPart: [ObjectIdentifier: [Int]]) {
        let ids = parts.map(ObjectIdentifier.init)
        if let last = lock.locked({ lastPacking }), last.parts == ids { return (last.segments, last.byPart) }
        let ordered = parts.sorted {
            let a = $0.entry, b = $1.entry
            if a.projectId != b.projectId { return a.projectId < b.projectId }
            if a.monthKey != b.monthKey { return a.monthKey < b.monthKey }
            return a.id < b.id
        }
        var packed: [[ResidentSegment.Piece]] = []
        var current: [ResidentSegment.Piece] = []
        var rows = 0
        for handle in ordered {
            var start = 0
            let total = handle.entry.rowCount
            while start < total {
                if rows == ResidentCache.segmentRows { packed.append(current); current = []; rows = 0 }
                let take = min(total - start, ResidentCache.segmentRows - rows)
                current.append(.init(handle: handle, partRows: start..<(start + take), offset: rows))
                rows += take
                start += take
            }
        }
        if !current.isEmpty { packed.append(current) }
        let made: [ResidentSegment] = lock.locked {
            packed.map { pieces in
                let fresh = ResidentSegment(pieces: pieces)
                if let known = segments[fresh.key] { return known }
                segments[fresh.key] = fresh
                return fresh
            }
        }
        var byPart: [ObjectIdentifier: [Int]] = [:]
        for (i, segment) in made.enumerated() {
            for piece in segment.pieces { byPart[ObjectIdentifier(piece.handle), default: []].append(i) }
        }
        lock.locked {
            lastPacking = (ids, made, byPart)
            // Segments never loaded and no longer packed are only keys: drop them.
            let live = Set(made.map(ObjectIdentifier.init))
            for (k, v) in segments where v.bytes == 0 && !live.contains(ObjectIdentifier(v)) { segments[k] = nil }
        }
        return (made, byPart)
    }

    /// Loads `columns` of `segment` if the budget allows (evicting least recently used
    /// segments outside `inUse`); returns whether they are all loaded.
    ///
    /// A segment is admitted on the second statement that asks for it: a process that runs
    /// one statement (`tally query`) reads parts as it always did and pays nothing for
    /// the cache; a session or a service that asks again gets the columns resident.
    func ensure(_ segment: ResidentSegment, columns: [Int], inUse: Set<ObjectIdentifier>, batch: ColumnBatch) throws -> Bool {
        let firstUse: Bool = lock.locked {
            clock += 1
            segment.lastUsed = clock
            segment.uses += 1
            return segment.uses == 1
        }
        let missing = columns.filter { !segment.isLoaded($0) }
        if missing.isEmpty { return true }
        if firstUse { return false }
        // At most 8 bytes a value and a validity byte.
        guard reserve(segment.rowCount * 9 * missing.count, inUse: inUse) else { return false }
        _ = try segment.load(missing, dictionaries: dictionary, batch: batch)
        return true
    }

    /// Bytes held now.
    package var heldBytes: Int {
        lock.locked {
            segments.values.reduce(0) { $0 + $1.bytes } + dictionaries.values.reduce(0) { $0 + $1.bytes }
        }
    }

    /// Makes room for `bytes` more, evicting segments outside `inUse`, oldest first.
    private func reserve(_ bytes: Int, inUse: Set<ObjectIdentifier>) -> Bool {
        lock.locked {
            var held = segments.values.reduce(0) { $0 + $1.bytes } + dictionaries.values.reduce(0) { $0 + $1.bytes }
            if held + bytes <= budgetBytes { return true }
            let victims = segments.values.filter { $0.bytes > 0 && !inUse.contains(ObjectIdentifier($0)) }.sorted { $0.lastUsed < $1.lastUsed }
            for v in victims {
                segments[v.key] = nil
                held -= v.bytes
                if lastPacking?.segments.contains(where: { $0 === v }) == true { lastPacking = nil }
                if held + bytes <= budgetBytes { return true }
            }
            return false
        }
    }
}
