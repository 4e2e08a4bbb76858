import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// The bad records skipped in `skipBadLines` mode: the first few in full, the rest counted.
struct RecordErrorLog {
    let limit: Int
    private(set) var errors: [RecordImportError] = []
    private(set) var count = 0

    init(limit: Int) { self.limit = max(0, limit) }

    mutating func add(_ error: RecordImportError) {
        count += 1
        if errors.count < limit { errors.append(error) }
    }
}
