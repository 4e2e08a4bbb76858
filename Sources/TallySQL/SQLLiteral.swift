import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// A constant in a query.
package enum SQLLiteral: Sendable, Hashable {
    /// An exact number, integer or decimal (see ``SQLNumber``).
    case number(SQLNumber)
    /// A single-quoted string, with `''` already undone.
    case string(String)
    /// `DATE 'YYYY-MM-DD'` as a day number (days since 1970-01-01, as `CivilDate` counts them).
    case date(dayNumber: Int32)
    /// `TIMESTAMP 'YYYY-MM-DD HH:MM:SS[.fff]'` in UTC, as milliseconds since the epoch
    /// (the precision of `ts`).
    case timestamp(milliseconds: Int64)
    /// `TRUE` or `FALSE`.
    case boolean(Bool)
    /// `NULL`.
    case null
}
