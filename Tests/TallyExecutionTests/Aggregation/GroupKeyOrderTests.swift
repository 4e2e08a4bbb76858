import Testing
import TallyExecution

/// The tie-break the engine and the SQL layer share: keys in order, each ascending,
/// strings by UTF-8 bytes, null last; equal keys are not before each other.
@Suite struct GroupKeyOrderTests {
    @Test func keysInOrderEachAscending() {
        #expect(GroupKeyOrder.precedes([.string("a"), .int(9)], [.string("b"), .int(1)]))
        #expect(GroupKeyOrder.precedes([.string("a"), .int(1)], [.string("a"), .int(2)]))
        #expect(!GroupKeyOrder.precedes([.string("a"), .int(2)], [.string("a"), .int(1)]))
        #expect(!GroupKeyOrder.precedes([.string("a"), .int(1)], [.string("a"), .int(1)]))
    }

    @Test func stringsByBytesAndNullLast() {
        #expect(GroupKeyOrder.precedes([.string("Z")], [.string("a")]))
        #expect(GroupKeyOrder.precedes([.string("z")], [.string("é")]))
        #expect(GroupKeyOrder.precedes([.string("z")], [.null]))
        #expect(!GroupKeyOrder.precedes([.null], [.date(0)]))
    }

    @Test func theAccessorFormAgreesWithTheArrayForm() {
        let rows: [[KeyValue]] = [[.string("b"), .null], [.string("a"), .int(3)], [.string("a"), .null], [.null, .int(1)]]
        for x in rows {
            for y in rows {
                #expect(GroupKeyOrder.precedes(count: 2, { x[$0] }, { y[$0] }) == GroupKeyOrder.precedes(x, y))
            }
        }
    }
}
