import TallySystem
import TallyFormat
import TallyStore
/// A filter value: a string or an integer, matching the dimension's kind.
public enum FilterValue: Sendable, Hashable {
    /// A string value.
    case string(String)
    /// An integer value.
    case int(Int64)
}

/// One condition on a row. A query keeps the rows that satisfy all of its predicates.
///
/// Ranges are inclusive: a front end turns `x < v` into `...v-1` (integers) or
/// `...v.nextDown` (quantity).
public enum RowFilter: Sendable, Hashable {
    /// The dimension equals one of the values (`=` is a one-element list). Null never
    /// matches. Values of the wrong kind match nothing.
    case oneOf(UsageDimension, [FilterValue])
    /// A string dimension starts with the prefix (byte-wise); null never matches.
    case prefix(UsageDimension, String)
    /// The dimension is null.
    case isNull(UsageDimension)
    /// The dimension is not null.
    case isNotNull(UsageDimension)
    /// ts (ms since the epoch, UTC) within the range.
    case ts(ClosedRange<Int64>)
    /// The UTC date (day number, see `CivilDate`) within the range.
    case date(ClosedRange<Int32>)
    /// quantity within the range.
    case quantity(ClosedRange<Double>)
    /// cost (nano-USD) within the range.
    case cost(ClosedRange<Int64>)
    /// The unit counts tokens (`TokenClass.isTokenUnit`: its name ends in `_tokens`).
    case tokenUnits
}
