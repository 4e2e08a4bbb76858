/// An aggregate call bound over its input: what the hash aggregate computes per group.
package struct BoundAggregate: Sendable {
    /// The function.
    package var kind: AggregateKind
    /// The arguments, over the aggregate's input chunk.
    package var arguments: [BoundExpression]
    /// `DISTINCT` was written.
    package var distinct: Bool
    /// `FILTER (WHERE ...)`.
    package var filter: BoundExpression?
    /// `ORDER BY` inside the call.
    package var orderBy: [BoundSortKey]
    /// The result type.
    package var returnType: LogicalType
    /// The call as written (for names and EXPLAIN).
    package var text: String

    /// A fresh state for `kind`.
    func makeState() -> AggregateState {
        var state: AggregateState = kind.makeState(argumentTypes: arguments.map(\.type), returnType: returnType)
        if !orderBy.isEmpty {
            state = OrderedAggregateState(inner: { kind.makeState(argumentTypes: arguments.map(\.type), returnType: returnType) },
                                          keys: orderBy, argumentCount: arguments.count)
        }
        if distinct, kind == .list {
            // list(DISTINCT x) keeps NULL as a value: the list dedupes itself.
            let element = returnType.listElement ?? .integer
            return orderBy.isEmpty ? ListState(type: element, distinct: true)
                : OrderedAggregateState(inner: { ListState(type: element, distinct: true) }, keys: orderBy, argumentCount: arguments.count)
        }
        if distinct {
            // DISTINCT first, then (with ORDER BY) the distinct rows fed in order.
            let ordered = !orderBy.isEmpty
            state = DistinctAggregateState(inner: {
                ordered ? OrderedAggregateState(inner: { kind.makeState(argumentTypes: arguments.map(\.type), returnType: returnType) },
                                                keys: orderBy, argumentCount: arguments.count)
                        : kind.makeState(argumentTypes: arguments.map(\.type), returnType: returnType)
            })
        }
        return state
    }
}

/// A sort key: an expression, its direction and where NULLs go.
package struct BoundSortKey: Sendable {
    /// The key.
    package var expression: BoundExpression
    /// Descending.
    package var descending: Bool
    /// NULLs before other values.
    package var nullsFirst: Bool
}

/// The aggregate functions.
package enum AggregateKind: Sendable, Hashable {
    case countStar, count, sum, avg, min, max, anyValue, first, last
    case median, quantileCont([Double], list: Bool), quantileDisc([Double], list: Bool), mode
    case stddevSamp, stddevPop, varSamp, varPop
    case argMin, argMax
    case boolAnd, boolOr
    case stringAgg(separator: String)
    case approxCountDistinct
    case product
    /// list(x) / array_agg(x).
    case list

    /// The result type for arguments of `types`.
    package func returnType(_ types: [LogicalType]) -> LogicalType {
        let t = types.first ?? .null
        // A list of fractions gives a list of quantiles.
        if case .quantileCont(let f, true) = self { return .list(AggregateKind.quantileCont(f, list: false).returnType(types)) }
        if case .quantileDisc(let f, true) = self { return .list(AggregateKind.quantileDisc(f, list: false).returnType(types)) }
        switch self {
        case .countStar, .count, .approxCountDistinct: return .bigint
        case .sum:
            if t.isInteger || t == .boolean { return .hugeint }
            if case .decimal(_, let s) = t { return .decimal(width: 38, scale: s) }
            return .double
        case .avg, .stddevSamp, .stddevPop, .varSamp, .varPop, .product: return .double
        case .median, .quantileCont:
            if t == .date || t == .timestamp { return .timestamp }
            if t == .timestamptz { return .timestamptz }
            if case .decimal = t { return t }
            return .double
        case .min, .max, .anyValue, .first, .last, .quantileDisc, .mode, .argMin, .argMax: return t == .null ? .null : t
        case .boolAnd, .boolOr: return .boolean
        case .stringAgg: return .varchar
        case .list: return .list(t == .null ? .integer : t)
        }
    }

    func makeState(argumentTypes: [LogicalType], returnType: LogicalType) -> AggregateState {
        let t = argumentTypes.first ?? .null
        switch self {
        case .countStar: return CountState(countAll: true)
        case .count: return CountState(countAll: false)
        case .approxCountDistinct: return DistinctAggregateState(inner: { CountState(countAll: false) })
        case .sum: return t == .double ? SumDoubleState(average: false) : SumExactState(type: t, average: false)
        case .avg: return t == .double ? SumDoubleState(average: true) : SumExactState(type: t, average: true)
        case .min: return MinMaxState(wantMax: false, type: t)
        case .max: return MinMaxState(wantMax: true, type: t)
        case .anyValue: return FirstValueState(mode: .anyValue, type: t)
        case .first: return FirstValueState(mode: .first, type: t)
        case .last: return FirstValueState(mode: .last, type: t)
        case .median: return QuantileState(fractions: [0.5], discrete: false, list: false, inputType: t, returnType: returnType)
        case .quantileCont(let f, let list): return QuantileState(fractions: f, discrete: false, list: list, inputType: t, returnType: returnType.listElement ?? returnType)
        case .quantileDisc(let f, let list): return QuantileState(fractions: f, discrete: true, list: list, inputType: t, returnType: returnType.listElement ?? returnType)
        case .mode: return ModeState(type: t)
        case .stddevSamp, .stddevPop, .varSamp, .varPop: return VarianceState(kind: self, type: t)
        case .argMin: return ArgExtremeState(wantMax: false, valueType: t, keyType: argumentTypes.count > 1 ? argumentTypes[1] : t)
        case .argMax: return ArgExtremeState(wantMax: true, valueType: t, keyType: argumentTypes.count > 1 ? argumentTypes[1] : t)
        case .boolAnd: return BoolState(isAnd: true)
        case .boolOr: return BoolState(isAnd: false)
        case .stringAgg(let sep): return StringAggState(separator: sep)
        case .product: return ProductState(type: t)
        case .list:
            if case .list(let element) = returnType { return ListState(type: element) }
            return ListState(type: t)
        }
    }
}
