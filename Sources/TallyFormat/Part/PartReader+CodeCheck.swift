#if canImport(Glibc)
import Glibc
#endif
import TallySystem

extension PartReader {
    /// Checks that the first `count` codes of string column `column` in `batch` name a
    /// string of its dictionary (0 is null, 1...n the n strings).
    ///
    /// Every reader of codes (record decoding, scans' filter masks, the aggregation
    /// engine, the SQL operators) indexes the dictionary or a table sized by it with
    /// them, so a part whose checksums match but whose codes do not (a bug in a writer,
    /// or a crafted file) must fail here as corrupt, not trap there. Found by fuzzing.
    /// - Throws: `FormatError.malformed` naming the code and the dictionary's size.
    func checkCodes(_ column: Column, count: Int, batch: ColumnBatch) throws {
        let strings = Int64(try dictionaryCount(column))
        let outside = batch.codes[Int(column.rawValue)].withUnsafeBufferPointer { codes in
            codes.prefix(count).first { $0 < 0 || $0 > strings }
        }
        if let code = outside {
            throw FormatError.malformed("code \(code) outside the \(column.name) dictionary of \(strings) strings")
        }
    }

    /// How many strings the dictionary of `column` holds (0 when the part has none): its
    /// leading count (`StringDictionary.count`, either layout), read once and kept. The strings themselves are decoded only by
    /// `dictionary(_:)`, which fails on a dictionary shorter than its count.
    func dictionaryCount(_ column: Column) throws -> Int {
        let key = Int(column.rawValue)
        if let known = dictionaryCounts.withLock({ $0[key] }) { return known }
        guard let ref = footer.dictionaries[key] else { return 0 }
        let batch = ColumnBatch()
        let fd = try fs.open(path, flags: O_RDONLY)
        defer { fs.close(fd) }
        try load(ref, fd: fd, batch: batch)
        let count = try batch.raw.withUnsafeBytes { raw throws(FormatError) in
            var r = ByteReader(raw)
            return try StringDictionary.count(&r)
        }
        dictionaryCounts.withLock { $0[key] = count }
        return count
    }
}
