@testable import TallySQL
import Testing

/// Text comparisons with a constant: the in-place byte loops (plain text, and text coded
/// in a dictionary, entry by entry or row by row) against a reference that compares the
/// UTF-8 bytes, DuckDB's binary collation, on random text with NULLs, shared prefixes,
/// non-ASCII and canonically equivalent spellings of other bytes.
@Suite struct ComparisonKernelTests {
    static let alphabet = ["a", "b", "run-1", "run-10", "run-9", "é", "e\u{301}", "Z", "", "ü", "日本"]

    static func text(_ g: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...3, using: &g)).map { _ in alphabet.randomElement(using: &g)! }.joined()
    }

    /// 1 true, 0 false, 2 NULL, by bytes.
    static func reference(_ x: String?, _ k: String, _ op: Comparison.Operator) -> UInt8 {
        guard let x else { return 2 }
        let a = Array(x.utf8), b = Array(k.utf8)
        let c = a.lexicographicallyPrecedes(b) ? -1 : (a == b ? 0 : 1)
        switch op {
        case .equal: return c == 0 ? 1 : 0
        case .notEqual: return c != 0 ? 1 : 0
        case .less: return c < 0 ? 1 : 0
        case .lessOrEqual: return c <= 0 ? 1 : 0
        case .greater: return c > 0 ? 1 : 0
        case .greaterOrEqual: return c >= 0 ? 1 : 0
        }
    }

    static let operators: [Comparison.Operator] = [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]

    @Test func plainTextAgainstAConstantComparesBytes() throws {
        var g = SeededGenerator(seed: 3)
        for _ in 0..<40 {
            let n = Int.random(in: 1...60, using: &g)
            let values: [String?] = (0..<n).map { _ in Int.random(in: 0..<6, using: &g) == 0 ? nil : Self.text(&g) }
            let k = Self.text(&g)
            let vector = ColumnVector(type: .varchar, storage: .string(values.map { $0 ?? "" }),
                                      validity: values.map { $0 != nil }, count: n)
            for op in Self.operators {
                let kernel = Comparison.kernel(op, type: .varchar)
                let left = Logic.truth(try kernel([vector, .constant(.string(k), type: .varchar, count: n)], n))
                let right = Logic.truth(try kernel([.constant(.string(k), type: .varchar, count: n), vector], n))
                #expect(left == values.map { Self.reference($0, k, op) }, "\(values) \(op.rawValue) \(k)")
                // k op x is x (flipped op) k.
                #expect(right == values.map { Self.reference($0, k, op.flipped) }, "\(k) \(op.rawValue) \(values)")
            }
        }
    }

    @Test func dictionaryCodedTextAgainstAConstantComparesBytesPerEntryAndPerRow() throws {
        var g = SeededGenerator(seed: 4)
        for round in 0..<40 {
            // Entry 0 is NULL, as in a part's or the store's dictionary; the rest distinct.
            var entries = Array(Set((0..<Int.random(in: 1...30, using: &g)).map { _ in Self.text(&g) }))
            entries.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            let dict = ColumnVector(type: .varchar, storage: .string([""] + entries),
                                    validity: [false] + entries.map { _ in true }, count: entries.count + 1)
            // Fewer rows than entries on even rounds (rows looked up one by one), more on odd.
            let n = round % 2 == 0 ? Int.random(in: 1...max(1, entries.count), using: &g) : Int.random(in: entries.count + 1...entries.count + 80, using: &g)
            let codes = (0..<n).map { _ in Int64.random(in: 0...Int64(entries.count), using: &g) }
            let values: [String?] = codes.map { $0 == 0 ? nil : entries[Int($0) - 1] }
            let vector = ColumnVector(type: .varchar, storage: .dictionary(codes: codes, dictionary: dict, dictionaryID: DictionaryIDs.freshDistinct()), count: n)
            let k = Int.random(in: 0..<3, using: &g) == 0 ? entries.randomElement(using: &g)! : Self.text(&g)
            for op in Self.operators {
                let kernel = Comparison.kernel(op, type: .varchar)
                let got = Logic.truth(try kernel([vector, .constant(.string(k), type: .varchar, count: n)], n))
                #expect(got == values.map { Self.reference($0, k, op) }, "\(values) \(op.rawValue) \(k)")
            }
        }
    }

    @Test func canonicallyEquivalentTextOfOtherBytesIsNotEqual() throws {
        let vector = ColumnVector(type: .varchar, storage: .string(["é", "e\u{301}"]), count: 2)
        let got = Logic.truth(try Comparison.kernel(.equal, type: .varchar)([vector, .constant(.string("é"), type: .varchar, count: 2)], 2))
        #expect(got == [1, 0])
        #expect(ScalarValue.compareBytes("é", "e\u{301}") != 0)
    }
}
