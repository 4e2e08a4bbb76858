/// Estimates of the memory rows hold, for `MemoryReservation`s: close enough to keep a
/// statement near its `memory_limit`, cheap enough to take per chunk (strings cost one
/// length read per row; every other column a multiplication).
enum ChunkSize {
    /// Bytes a chunk's vectors hold.
    static func bytes(_ chunk: DataChunk) -> Int {
        var total = 0
        for column in chunk.columns { total += bytes(column, chunk.count) }
        return total
    }

    static func bytes(_ v: ColumnVector, _ count: Int) -> Int {
        let validity = v.validity == nil ? 0 : count
        switch v.storage {
        case .bool: return count + validity
        case .int64, .double: return 8 * count + validity
        case .int128, .interval: return 16 * count + validity
        case .string(let a):
            var total = 16 * count + validity
            // Strings of up to 15 UTF-8 bytes live inside the 16-byte String itself.
            for s in a.prefix(count) where s.utf8.count > 15 { total += s.utf8.count + 32 }
            return total
        case .values: return MemoryLayout<ScalarValue>.stride * count * 2 + validity
        case .constant: return 0
        case .dictionary: return 8 * count
        }
    }

    /// Bytes a sort holds per chunk it buffers: the chunk, its key values, its row
    /// references, and its share of the sorted output it builds.
    static func sortBytes(_ chunk: DataChunk, keyCount: Int) -> Int {
        let perRow = keyCount * MemoryLayout<ScalarValue>.stride + 16
        return 2 * bytes(chunk) + perRow * chunk.count
    }
}
