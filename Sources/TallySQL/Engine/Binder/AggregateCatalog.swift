/// The aggregate functions by name, and how their arguments are typed.
package enum AggregateCatalog {
    /// Every aggregate name (aliases included).
    package static let names: Set<String> = [
        "count", "count_star", "sum", "avg", "mean", "min", "max", "any_value", "arbitrary", "first", "last", "median",
        "quantile_cont", "quantile_disc", "quantile", "percentile_cont", "percentile_disc", "mode",
        "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "arg_min", "arg_max", "argmin", "argmax",
        "min_by", "max_by", "bool_and", "bool_or", "every", "string_agg", "group_concat", "listagg", "approx_count_distinct", "product",
        "fsum", "sumkahan", "kahan_sum", "list", "array_agg",
    ]

    /// Whether `name` is an aggregate.
    package static func isAggregate(_ name: String) -> Bool { names.contains(name) }

    /// Fractions of a quantile call: one number or a list, each in 0...1.
    static func fractions(_ v: ScalarValue, _ type: LogicalType, at range: SourceRange) throws(SQLError) -> [Double] {
        if case .list(let xs) = v, case .list(let element) = type {
            var out: [Double] = []
            for x in xs { out += try fractions(x, element, at: range) }
            return out
        }
        guard let d = v.asDouble(type), d >= 0, d <= 1 else {
            throw SQLError(.invalidArgument, "the quantile fraction must be a number from 0 to 1", at: range,
                           hint: "for example quantile_cont(cost_usd, 0.95)")
        }
        return [d]
    }
}
