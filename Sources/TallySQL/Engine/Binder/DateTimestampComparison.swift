/// A DATE compared with a TIMESTAMP constant, kept a comparison of dates.
///
/// SQL compares `date > TIMESTAMP '...'` (and `date > DATE '...' - INTERVAL 30 DAY`, whose
/// constant folds to a TIMESTAMP) by casting every date to midnight. The same rows are
/// kept by a comparison with a date constant, which the scan prunes parts and days by and
/// which needs no cast per row: midnight of `d` is after the instant `t` exactly when `d`
/// is after t's day; it is at or after `t` when `d` is after t's day, or on it if `t` is
/// midnight; the other operators mirror these. `=` holds only when `t` is a midnight, and
/// `<>` is left as it is.
enum DateTimestampComparison {
    /// `dateSide op constant` as a comparison of dates, or nil when it is not one of these
    /// (the other side is not a TIMESTAMP constant, or its day does not fit a DATE).
    static func rewrite(_ op: Comparison.Operator, _ lhs: BoundExpression, _ rhs: BoundExpression)
        -> (Comparison.Operator, BoundExpression, BoundExpression)? {
        if lhs.type == .date, lhs.constantValue == nil, case .timestamp(let us)? = rhs.constantValue,
           let (o, day) = dateBound(op, us) {
            return (o, lhs, .constant(.date(day), .date))
        }
        if rhs.type == .date, rhs.constantValue == nil, case .timestamp(let us)? = lhs.constantValue,
           let (o, day) = dateBound(op.flipped, us) {
            return (o, rhs, .constant(.date(day), .date))
        }
        return nil
    }

    /// The operator and day with which `date op instant` keeps the same rows.
    static func dateBound(_ op: Comparison.Operator, _ instant: Int64) -> (Comparison.Operator, Int32)? {
        let floorDay = TemporalText.floorDiv(instant, TemporalText.microsPerDay)
        guard let day = Int32(exactly: floorDay) else { return nil }
        let midnight = floorDay * TemporalText.microsPerDay == instant
        switch op {
        case .greater, .lessOrEqual: return (op, day)
        case .greaterOrEqual: return (midnight ? .greaterOrEqual : .greater, day)
        case .less: return (midnight ? .less : .lessOrEqual, day)
        case .equal: return midnight ? (.equal, day) : nil
        case .notEqual: return nil
        }
    }
}
