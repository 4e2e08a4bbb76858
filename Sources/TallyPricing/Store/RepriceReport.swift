import TallySystem
import TallyFormat
import TallyStore
/// What ``Store/reprice(days:project:card:)`` changed.
public struct RepriceReport: Sendable, Hashable {
    /// Rows in the range whose cost or cost source changed.
    public var rowsChanged = 0
    /// Rows in the range that carried their own cost (`CostSource.given`): never touched.
    public var givenRowsKept = 0
    /// Rows in the range that were re-priced (changed or not), given-cost rows excluded.
    public var rowsRepriced = 0
    /// Parts replaced by re-priced copies.
    public var partsRewritten = 0
    /// The change of the total cost of the range, new minus old, in nano-USD. Int128: one
    /// row's change alone can pass Int64 (a cost of Int64.max re-priced to 0 or back), and
    /// a range's changes add up further.
    public var costDeltaNanos: Int128 = 0

    /// Creates a report with the given counts.
    public init(rowsChanged: Int = 0, givenRowsKept: Int = 0, rowsRepriced: Int = 0, partsRewritten: Int = 0, costDeltaNanos: Int128 = 0) {
        self.rowsChanged = rowsChanged
        self.givenRowsKept = givenRowsKept
        self.rowsRepriced = rowsRepriced
        self.partsRewritten = partsRewritten
        self.costDeltaNanos = costDeltaNanos
    }
}
