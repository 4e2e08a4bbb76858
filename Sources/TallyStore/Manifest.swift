import TallySystem
import TallyFormat
/// The list of live parts: the store's single point of commit.
///
/// A new state is published by writing a complete new manifest to `MANIFEST.tmp`,
/// fsyncing it, renaming it over `MANIFEST` and fsyncing the folder. A reader sees the
/// old list or the new one, never a mix, and a part file not listed is never read.
/// The same bytes then go to `MANIFEST.copy`, from which a damaged manifest is rebuilt
/// (`Store.repairManifest`).
///
/// ```
/// offset  size  meaning
/// 0       8     magic "TALLYMF1"
/// 8       ...   body (varints): format version, generation, next part id,
///               part count, parts (id, project, month, min day, max day, rows,
///               file size, level), batch-identity count, identities (strings),
///               property count, properties (key, value strings)
/// end-4   4     CRC-32C of everything before it (UInt32 LE)
/// ```
package struct Manifest: Sendable {
    /// The manifest's file name inside the store folder.
    package static let fileName = "MANIFEST"
    /// The copy of the manifest written after it by every commit (see `Store.writeManifest`).
    package static let copyFileName = "MANIFEST.copy"
    static let magic: [UInt8] = Array("TALLYMF1".utf8)
    static let version: UInt64 = 1

    /// Incremented by every commit.
    package var generation: UInt64 = 0
    /// The id the next new part gets.
    package var nextPartId: UInt64 = 1
    /// The live parts.
    package var parts: [PartEntry] = []
    /// Identities of imported batches (file checksums or caller keys), so a repeated
    /// import is recognised; committed atomically with the batch's parts.
    package var batchIdentities: Set<String> = []
    /// Small store-level settings (for example the default codec).
    package var properties: [String: String] = [:]

    /// Creates an empty manifest.
    package init() {}

    /// The encoded manifest file.
    package func encoded() -> [UInt8] {
        var w = ByteWriter(capacity: 64 + parts.count * 48)
        w.write(contentsOf: Manifest.magic)
        w.writeVarUInt(Manifest.version)
        w.writeVarUInt(generation)
        w.writeVarUInt(nextPartId)
        w.writeVarUInt(UInt64(parts.count))
        for p in parts {
            w.writeVarUInt(p.id)
            w.writeString(p.projectId)
            w.writeVarInt(Int64(p.monthKey))
            w.writeVarInt(Int64(p.minDay))
            w.writeVarInt(Int64(p.maxDay))
            w.writeVarUInt(UInt64(p.rowCount))
            w.writeVarUInt(UInt64(p.fileSize))
            w.writeVarUInt(UInt64(p.level))
        }
        w.writeVarUInt(UInt64(batchIdentities.count))
        for b in batchIdentities.sorted() { w.writeString(b) }
        w.writeVarUInt(UInt64(properties.count))
        for (k, v) in properties.sorted(by: { $0.key < $1.key }) {
            w.writeString(k)
            w.writeString(v)
        }
        w.writeFixed(CRC32C.checksum(w.bytes))
        return w.bytes
    }

    /// Decodes and checks a manifest file.
    package static func decode(_ bytes: [UInt8]) throws(FormatError) -> Manifest {
        guard bytes.count >= magic.count + 4, Array(bytes[0..<8]) == magic else {
            throw .malformed("not a Tally manifest (bad magic)")
        }
        let body = bytes.count - 4
        let stored = bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: body, as: UInt32.self)) }
        let actual = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<body])) }
        guard stored == actual else { throw .checksumMismatch("manifest checksum mismatch") }
        do {
            return try bytes.withUnsafeBytes { raw in
                var r = ByteReader(UnsafeRawBufferPointer(rebasing: raw[0..<body]), offset: 8)
                let version = try r.readVarUInt()
                guard version == Manifest.version else { throw FormatError.malformed("manifest version \(version)") }
                var m = Manifest()
                m.generation = try r.readVarUInt()
                m.nextPartId = try r.readVarUInt()
                let n = try r.readCount(limit: r.remaining)
                m.parts.reserveCapacity(n)
                for _ in 0..<n {
                    let id = try r.readVarUInt()
                    let project = try r.readString()
                    let month = Int32(truncatingIfNeeded: try r.readVarInt())
                    let minDay = Int32(truncatingIfNeeded: try r.readVarInt())
                    let maxDay = Int32(truncatingIfNeeded: try r.readVarInt())
                    let rows = try r.readCount(limit: Int.max)
                    let size = try r.readCount(limit: Int.max)
                    let level = try r.readCount(limit: 1000)
                    guard id < m.nextPartId else { throw FormatError.malformed("part id \(id) not below next id \(m.nextPartId)") }
                    m.parts.append(PartEntry(
                        id: id, projectId: project, monthKey: month, minDay: minDay, maxDay: maxDay,
                        rowCount: rows, fileSize: size, level: level))
                }
                let b = try r.readCount(limit: r.remaining)
                for _ in 0..<b { m.batchIdentities.insert(try r.readString()) }
                let p = try r.readCount(limit: r.remaining)
                for _ in 0..<p { m.properties[try r.readString()] = try r.readString() }
                return m
            }
        } catch let e as FormatError {
            throw e
        } catch {
            throw .malformed("\(error)")
        }
    }
}
