import TallyTestSupport

/// A seeded structure-blind mutator in the spirit of libFuzzer's: it flips bits,
/// overwrites bytes with boundary values, inserts, deletes, duplicates and swaps ranges,
/// writes little-endian integers that are likely to be lengths or counts, and splices in
/// pieces of other corpus inputs. The same seed gives the same inputs on every run.
struct ByteMutator {
    private var g: SeededGenerator
    /// Inputs to splice from.
    let corpus: [[UInt8]]
    /// The largest input produced (keeps each execution cheap).
    let maxLength: Int

    init(seed: UInt64, corpus: [[UInt8]], maxLength: Int = 64 << 10) {
        g = SeededGenerator(seed: seed)
        self.corpus = corpus
        self.maxLength = maxLength
    }

    static let interestingBytes: [UInt8] = [0, 1, 0x7F, 0x80, 0xFF, 0x0A, 0x0D, 0x22, 0x2C, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x3A]
    static let interestingWords: [UInt64] = [0, 1, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000_0000_0000, UInt64.max, 1 << 40]
    static let tokens: [String] = [
        "\"", "\\u0000", "\\ud800", "null", "true", "-1", "1e309", "-0", "9223372036854775808", "{", "}", "[", "]",
        ",", "\n", "\r\n", "\u{FEFF}", "'", "--", "/*", "(", ")", "SELECT", "WHERE", "GROUP BY", "ORDER BY", "NULL",
        "\"usage\":", "\"type\":", "\"message\":", "cost_usd", "2025-13-45", "99999999999999999999",
    ]

    /// A corpus input, mutated one to eight times.
    mutating func next() -> [UInt8] {
        var bytes = corpus.randomElement(using: &g) ?? []
        for _ in 0..<Int.random(in: 1...8, using: &g) { mutate(&bytes) }
        if bytes.count > maxLength { bytes.removeSubrange(maxLength...) }
        return bytes
    }

    mutating func mutate(_ b: inout [UInt8]) {
        let position = { (g: inout SeededGenerator, count: Int) in count == 0 ? 0 : Int.random(in: 0..<count, using: &g) }
        switch Int.random(in: 0..<11, using: &g) {
        case 0 where !b.isEmpty:
            b[position(&g, b.count)] ^= 1 << UInt8.random(in: 0..<8, using: &g)
        case 1 where !b.isEmpty:
            b[position(&g, b.count)] = Self.interestingBytes.randomElement(using: &g)!
        case 2:
            let at = position(&g, b.count + 1)
            b.insert(contentsOf: (0..<Int.random(in: 1...16, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }, at: at)
        case 3 where !b.isEmpty:
            let at = position(&g, b.count)
            b.removeSubrange(at..<min(b.count, at + Int.random(in: 1...64, using: &g)))
        case 4 where !b.isEmpty:
            let at = position(&g, b.count)
            let piece = b[at..<min(b.count, at + Int.random(in: 1...128, using: &g))]
            b.insert(contentsOf: piece, at: position(&g, b.count + 1))
        case 5 where b.count >= 8:
            let at = position(&g, b.count - 7)
            let width = [1, 2, 4, 8].randomElement(using: &g)!
            var word = Self.interestingWords.randomElement(using: &g)!
            if Bool.random(using: &g) { word = word &+ UInt64(bitPattern: Int64.random(in: -2...2, using: &g)) }
            for i in 0..<width { b[at + i] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(i))) }
        case 6:
            b.insert(contentsOf: Array(Self.tokens.randomElement(using: &g)!.utf8), at: position(&g, b.count + 1))
        case 7 where !corpus.isEmpty:
            let other = corpus.randomElement(using: &g)!
            guard !other.isEmpty else { return }
            let from = position(&g, other.count)
            let piece = other[from..<min(other.count, from + Int.random(in: 1...256, using: &g))]
            let at = position(&g, b.count + 1)
            b.replaceSubrange(at..<min(b.count, at + piece.count), with: piece)
        case 8 where !b.isEmpty:
            b.removeSubrange(position(&g, b.count)...)
        case 9 where b.count > 2:
            let i = position(&g, b.count), j = position(&g, b.count)
            b.swapAt(i, j)
        default:
            if !b.isEmpty { b[position(&g, b.count)] = UInt8.random(in: 0...255, using: &g) }
        }
    }
}
