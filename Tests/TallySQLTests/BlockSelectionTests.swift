import Foundation
@testable import TallySQL
import Testing

/// The quantiles' value blocks (`GroupValueBlocks`) and the order statistics over them
/// (`BlockSelection`) against a full sort of the same values: random groups filled by
/// chunks from two workers' states merged by a mapping, NULL rows and rows of no group
/// left out, sizes on both sides of the direct limit and of the 2 MiB blocks, and value
/// distributions that put most values in one bucket (skew, duplicates, extremes, NaN).
@Suite struct BlockSelectionTests {
    /// Values of one round's distribution.
    static func int64s(_ n: Int, kind: Int, _ g: inout SeededGenerator) -> [Int64] {
        switch kind {
        case 0: return (0..<n).map { _ in Int64.random(in: 0..<5, using: &g) }
        case 1: return (0..<n).map { _ in Int64(exp(Double.random(in: 0...14, using: &g))) }
        case 2: return (0..<n).map { _ in Int64.random(in: Int64.min...Int64.max, using: &g) }
        case 3: return (0..<n).map { i in i % 1000 == 0 ? (i % 2000 == 0 ? .max : .min) : Int64.random(in: -3...3, using: &g) }
        default: return (0..<n).map { _ in 42 }
        }
    }

    static func doubles(_ n: Int, kind: Int, _ g: inout SeededGenerator) -> [Double] {
        switch kind {
        case 0: return (0..<n).map { _ in Int.random(in: 0..<9, using: &g) == 0 ? .nan : Double.random(in: -1...1, using: &g) }
        case 1: return (0..<n).map { _ in [0.0, -0.0, .infinity, -.infinity, 1e-300][Int.random(in: 0..<5, using: &g)] }
        default: return (0..<n).map { _ in exp(Double.random(in: -20...20, using: &g)) }
        }
    }

    /// Fills two states with `xs` (chunk by chunk, alternating, with random groups, some
    /// rows of no group or NULL), merges the second into the first through a shuffled
    /// mapping, and returns the first with each group's expected values.
    static func filled<V: SelectableValue>(_ xs: [V], groups: Int, _ g: inout SeededGenerator) -> (GroupValueBlocks<V>, [[V]]) {
        let a = GroupValueBlocks<V>(), b = GroupValueBlocks<V>()
        a.resize(groups)
        b.resize(groups)
        let mapping = (0..<groups).map { Int32($0) }.shuffled(using: &g)
        var expected = [[V]](repeating: [], count: groups)
        var start = 0, chunk = 0
        while start < xs.count {
            let n = min(xs.count - start, Int.random(in: 1...70_000, using: &g))
            let rows = Array(xs[start..<start + n])
            let gs = (0..<n).map { _ in Int32.random(in: -1..<Int32(groups), using: &g) }
            let validity: [Bool]? = chunk % 3 == 0 ? (0..<n).map { _ in Int.random(in: 0..<10, using: &g) > 0 } : nil
            let target = chunk % 2 == 0 ? a : b
            gs.withUnsafeBufferPointer { gp in rows.withUnsafeBufferPointer { x in target.append(gp, x, validity: validity, n) } }
            for i in 0..<n where gs[i] >= 0 && (validity?[i] ?? true) {
                let group = target === a ? Int(gs[i]) : Int(mapping[Int(gs[i])])
                expected[group].append(rows[i])
            }
            start += n
            chunk += 1
        }
        a.absorb(b, mapping)
        #expect(b.counts.allSatisfy { $0 == 0 })
        return (a, expected)
    }

    static func check<V: SelectableValue & Equatable>(_ blocks: GroupValueBlocks<V>, _ expected: [[V]], _ g: inout SeededGenerator,
                                                     same: (V, V) -> Bool, _ label: String) {
        for group in expected.indices {
            let want = expected[group].sorted(by: V.selectionLess)
            #expect(blocks.counts[group] == want.count, "\(label) group \(group)")
            var held = 0
            blocks.forEachBlock(group) { held += $0.count }
            #expect(held == want.count, "\(label) group \(group): values in blocks")
            guard !want.isEmpty else { continue }
            var positions = [0, want.count - 1, want.count / 2, (want.count - 1) * 95 / 100]
            positions += (0..<3).map { _ in Int.random(in: 0..<want.count, using: &g) }
            let got = BlockSelection.values(at: positions, of: group, in: blocks)
            for p in positions {
                #expect(got[p].map { same($0, want[p]) } == true, "\(label) group \(group): position \(p) of \(want.count)")
            }
        }
    }

    @Test func int64PositionsHoldTheSortedValues() {
        var g = SeededGenerator(seed: 71)
        for round in 0..<10 {
            let n = [10, 3_000, 70_000, 400_000, 1_200_000][round % 5]
            let xs = BlockSelectionTests.int64s(n, kind: round % 5, &g)
            let (blocks, expected) = BlockSelectionTests.filled(xs, groups: round % 3 == 0 ? 1 : 5, &g)
            BlockSelectionTests.check(blocks, expected, &g, same: ==, "round \(round)")
        }
    }

    @Test func doublePositionsHoldTheSortedValues() {
        var g = SeededGenerator(seed: 72)
        for round in 0..<6 {
            let n = [5_000, 300_000, 900_000][round % 3]
            let xs = BlockSelectionTests.doubles(n, kind: round % 3, &g)
            let (blocks, expected) = BlockSelectionTests.filled(xs, groups: 3, &g)
            // -0.0 and 0.0 sort together: either is the value of a position between them.
            BlockSelectionTests.check(blocks, expected, &g, same: { $0 == $1 || ($0.isNaN && $1.isNaN) }, "round \(round)")
        }
    }
}
