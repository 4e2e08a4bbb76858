import TallySystem
import TallyFormat
import TallyStore
/// One component of a query's GROUP BY.
public enum GroupKey: Sendable, Hashable {
    /// A dimension's value (`KeyValue.string`, `.int` or `.null`).
    case dimension(UsageDimension)
    /// The schema's `date`: the UTC day of ts (`KeyValue.date`).
    case date
    /// A time bucket in the query's time zone: `.date` of the bucket's first local day
    /// for day, week and month; `.localTime` (local wall-clock start) for hour.
    case time(TimeBucket)
}
