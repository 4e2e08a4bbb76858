import TallySystem
import TallyFormat
/// What a part file says about its own place in the store's history, kept as a footer
/// section so that a store whose manifest is lost can be rebuilt from its files alone:
/// the part's id and merge level (otherwise only in the manifest) and the ids of the
/// parts it replaced (the inputs of a merge, the part a deletion or rewrite rewrote).
///
/// A part that names another as replaced supersedes it: if both files remain (a crash
/// before the replaced file was deleted) only the newer one holds live rows.
///
/// Encoded as varints: part id, level, replaced count, replaced ids.
package struct PartLineage: Sendable, Hashable {
    /// The footer section kind (1 and 2 are the rollups).
    package static let sectionKind: UInt8 = 3

    /// The part's id (also in its file name).
    package var id: UInt64
    /// How many merges produced it (0 = written by a flush).
    package var level: Int
    /// The parts whose rows this one took over.
    package var replaces: [UInt64]

    /// The encoded section.
    package func encoded() -> [UInt8] {
        var w = ByteWriter(capacity: 16 + replaces.count * 4)
        w.writeVarUInt(id)
        w.writeVarUInt(UInt64(level))
        w.writeVarUInt(UInt64(replaces.count))
        for r in replaces { w.writeVarUInt(r) }
        return w.bytes
    }

    /// Decodes a lineage section.
    package static func decode(_ bytes: [UInt8]) throws(FormatError) -> PartLineage {
        do {
            return try bytes.withUnsafeBytes { raw in
                var r = ByteReader(raw)
                let id = try r.readVarUInt()
                let level = try r.readCount(limit: 1000)
                let n = try r.readCount(limit: r.remaining)
                var replaces = [UInt64]()
                for _ in 0..<n { replaces.append(try r.readVarUInt()) }
                return PartLineage(id: id, level: level, replaces: replaces)
            }
        } catch let e as FormatError {
            throw e
        } catch {
            throw .malformed("lineage: \(error)")
        }
    }

    /// The lineage of the part `reader` reads, or nil for a part written before lineage
    /// was recorded.
    package static func of(_ reader: PartReader) throws -> PartLineage? {
        guard let bytes = try reader.section(sectionKind) else { return nil }
        return try decode(bytes)
    }
}
