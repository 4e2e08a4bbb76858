import Testing
@testable import TallyExecution
import TallyTestSupport

@Suite struct TopKTests {
    /// The heap selection equals the first k of a full sort, for every k around the
    /// switch to plain sorting, with many ties (broken on the index: a total order).
    @Test(arguments: [1, 2, 3] as [UInt64])
    func selectsTheFirstKOfAFullSort(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        let values = (0..<2000).map { _ in Int.random(in: 0..<50, using: &g) }
        func precedes(_ a: Int, _ b: Int) -> Bool { values[a] != values[b] ? values[a] > values[b] : a < b }
        let full = (0..<values.count).sorted(by: precedes)
        for k in [0, 1, 2, 7, 100, 499, 500, 501, 1999, 2000, 2500] {
            #expect(TopK.indices(count: values.count, first: k, by: precedes) == Array(full.prefix(k)))
        }
        #expect(TopK.indices(count: 0, first: 5, by: precedes).isEmpty)
    }
}
