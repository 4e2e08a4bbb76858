import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyIngest
// Record-by-record access for `for record in generator` loops; batches are faster.

extension DemoDataGenerator: Sequence {
    /// Iterates the records the generator has not produced yet, fetching them in batches.
    package struct Iterator: IteratorProtocol, Sendable {
        var generator: DemoDataGenerator
        var buffer: [UsageRecord] = []
        var index = 0

        /// The next record, or `nil` after the last one.
        package mutating func next() -> UsageRecord? {
            if index == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                index = 0
                guard generator.nextBatch(into: &buffer, maxCount: 1024) > 0 else { return nil }
            }
            defer { index += 1 }
            return buffer[index]
        }
    }

    /// An iterator over the records not produced yet (the generator itself is not advanced).
    package func makeIterator() -> Iterator { Iterator(generator: self) }

    /// The number of records not produced yet (exact).
    package var underestimatedCount: Int { remaining }
}
