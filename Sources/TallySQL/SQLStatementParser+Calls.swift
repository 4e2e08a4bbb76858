import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// Function calls: the aggregates and date_trunc, and named rejections of everything else.
extension SQLStatementParser {
    mutating func parseCall(_ name: SQLToken, upper: String) throws(SQLError) -> Node {
        let lower = upper.lowercased()
        if upper == "DATE_TRUNC" { return try parseDateTrunc(name) }
        if let function = SQLAggregateFunction(rawValue: lower) { return try parseAggregate(name, function) }
        if SQLKeywords.windowFunctions.contains(upper) {
            throw unsupported("window functions (\(lower))", plural: true)
        }
        let hint: String
        switch upper {
        case "QUANTILE", "QUANTILE_DISC", "PERCENTILE_CONT", "PERCENTILE_DISC", "APPROX_QUANTILE":
            hint = "use quantile_cont(x, p) or median(x)"
        case "DATETRUNC", "TIME_BUCKET", "DATE_PART", "DATEPART", "EXTRACT", "STRFTIME", "DATE_DIFF", "DATEDIFF":
            hint = "the time functions are date_trunc('hour' | 'day' | 'week' | 'month', ts)"
        default:
            hint = "the functions are count, sum, min, max, avg, median, quantile_cont and date_trunc"
        }
        throw unsupported("the function \(lower)()", at: name.range, hint: hint)
    }

    mutating func parseAggregate(_ name: SQLToken, _ function: SQLAggregateFunction) throws(SQLError) -> Node {
        switch aggregateContext {
        case .allowed:
            break
        case .insideAggregate:
            throw SQLError(
                .misplacedAggregate, "aggregate functions cannot be nested", at: name.range,
                hint: "aggregate plain columns; compute the inner aggregate in its own query"
            )
        case .forbidden(let clause):
            throw SQLError(
                .misplacedAggregate, "aggregate functions are not allowed in \(clause)", at: name.range,
                hint: clause == "WHERE" ? "filter on aggregates with HAVING" : "group by columns or date_trunc(...)"
            )
        }
        let lower = function.rawValue
        try enter(name)
        defer { depth -= 1 }
        try advance()
        try advance()
        let saved = aggregateContext
        aggregateContext = .insideAggregate
        defer { aggregateContext = saved }

        var distinct = false
        if current.isWord("DISTINCT") {
            guard function == .count else {
                throw unsupported("DISTINCT in \(lower)()", hint: "only count(DISTINCT x) is supported")
            }
            distinct = true
            try advance()
        } else if current.isWord("ALL") {
            try advance()
        }
        if current.isSymbol("*") {
            guard function == .count, !distinct else {
                throw SQLError(
                    .invalidArgument, "\(distinct ? "count(DISTINCT *)" : "\(lower)(*)") is not valid", at: current.range,
                    hint: "* is only allowed in count(*)"
                )
            }
            try advance()
            let close = try expectSymbol(")", "\")\" after count(*")
            try rejectAggregateSuffix()
            let call = SQLAggregateCall(function: .count, argument: nil, range: name.range.through(close.range))
            return Node(expression: .aggregate(call), height: 1)
        }
        if current.isSymbol(")") {
            throw SQLError(.syntax, "\(lower)() needs an argument", at: current.range,
                           hint: function == .count ? "write count(*) to count rows" : nil)
        }
        let argument = try parseOr()
        var fraction: SQLNumber?
        if function == .quantileCont {
            guard current.isSymbol(",") else {
                throw syntax(expected: "\",\" and a fraction: quantile_cont(x, p)")
            }
            try advance()
            fraction = try parseFraction()
        }
        if current.isWord("ORDER") { throw unsupported("ORDER BY inside \(lower)()") }
        if current.isSymbol(",") {
            throw SQLError(
                .invalidArgument, "\(lower)() takes \(function == .quantileCont ? "two arguments" : "one argument")",
                at: current.range
            )
        }
        let close = try expectSymbol(")", "\")\" to close \(lower)(")
        try rejectAggregateSuffix()
        let call = SQLAggregateCall(
            function: function, argument: argument.expression, isDistinct: distinct, fraction: fraction,
            range: name.range.through(close.range)
        )
        return try node(.aggregate(call), above: argument, at: name)
    }

    func rejectAggregateSuffix() throws(SQLError) {
        if current.isWord("OVER") { throw unsupported("window functions (OVER)", plural: true) }
        if current.isWord("FILTER") { throw unsupported("FILTER clauses", plural: true, hint: "move the condition to WHERE") }
        if current.isWord("WITHIN") { throw unsupported("WITHIN GROUP", hint: "use quantile_cont(x, p)") }
    }

    /// The `p` of `quantile_cont(x, p)`: a numeric literal in 0...1, compared exactly.
    mutating func parseFraction() throws(SQLError) -> SQLNumber {
        let token = current
        let problem = SQLError(
            .invalidArgument, "the fraction of quantile_cont must be a number from 0 to 1", at: token.range,
            hint: "for example quantile_cont(cost_usd, 0.95)"
        )
        if token.isSymbol("[") { throw unsupported("lists of quantiles", plural: true, hint: "use one quantile_cont per fraction") }
        guard case .number(let text) = token.kind, let n = SQLNumber(literal: text) else {
            if token.isSymbol("-") { throw SQLError(problem.kind, problem.message, at: token.range.through(peek().range), hint: problem.hint) }
            throw problem
        }
        // n <= 1 exactly: the integer part is 0, or 1 with an all-zero fraction.
        let padded = String(repeating: "0", count: max(0, n.scale + 1 - n.digits.count)) + n.digits
        let whole = padded.dropLast(n.scale).drop { $0 == "0" }
        let fractionDigits = padded.suffix(n.scale)
        guard whole.isEmpty || (whole == "1" && fractionDigits.allSatisfy { $0 == "0" }) else { throw problem }
        try advance()
        return n
    }

    mutating func parseDateTrunc(_ name: SQLToken) throws(SQLError) -> Node {
        try enter(name)
        defer { depth -= 1 }
        try advance()
        try advance()
        let units = "'hour', 'day', 'week' or 'month'"
        guard case .string(let text) = current.kind else {
            throw SQLError(
                .invalidArgument, "the first argument of date_trunc must be a quoted unit", at: current.range,
                hint: "write date_trunc('hour' | 'day' | 'week' | 'month', ts)"
            )
        }
        guard let unit = SQLTimeBucket(rawValue: text.lowercased()) else {
            throw SQLError(
                .invalidArgument, "date_trunc unit \(current.text) is not supported", at: current.range,
                hint: "use \(units)"
            )
        }
        try advance()
        try expectSymbol(",", "\",\" after the date_trunc unit")
        let argument = try parseOr()
        if current.isSymbol(",") {
            throw SQLError(.invalidArgument, "date_trunc() takes two arguments", at: current.range)
        }
        let close = try expectSymbol(")", "\")\" to close date_trunc(")
        return try node(.dateTrunc(unit, argument.expression, name.range.through(close.range)), above: argument, at: name)
    }
}
