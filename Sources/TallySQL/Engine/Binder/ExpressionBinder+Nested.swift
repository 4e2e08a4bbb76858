import TallyFormat
/// Lists and structs in expressions: `[a, b]` (list_value), `{'k': v}` (a struct),
/// `(a, b)` (a row value: an unnamed struct), `list[i]` (list_extract, 1-based) and
/// `to_json(x)`, as DuckDB computes them. A nested value is one scalar per row; results
/// print as DuckDB prints them (`[a, b]`, `{'k': v}`, `(a, b)`).
extension ExpressionBinder {
    /// The nested-value call `call` makes, or nil when `call` is not one.
    func bindNestedCall(_ call: SyntaxCall, _ args: [BoundExpression]) throws(SQLError) -> BoundExpression? {
        switch call.name {
        case "list_value", "list_pack":
            var element: LogicalType = .null
            for (i, a) in args.enumerated() where !(a.type == .varchar && a.constantValue != nil && element != .null && element != .varchar) {
                guard let t = TypePromotion.common(element, a.type) else {
                    throw SQLError(.invalidArgument, "a list cannot mix \(element) and \(a.type)", at: call.arguments[i].range,
                                   hint: "CAST the elements to one type")
                }
                element = t
            }
            if element == .null { element = .integer }
            var elements: [BoundExpression] = []
            for (i, a) in args.enumerated() { elements.append(try coerce(a, to: element, at: call.arguments[i].range)) }
            return fold(.call(BoundFunction(name: "list_value", returnType: .list(element), canFail: false,
                                            kernel: RowKernel.make(.list(element), strict: false) { v in .list(v) }), elements))
        case "{struct}", "row":
            var names: [String] = [], values: [BoundExpression] = []
            if call.name == "row" {
                values = args
                names = args.map { _ in "" }
            } else {
                for i in stride(from: 0, to: args.count, by: 2) {
                    guard case .string(let key)? = args[i].constantValue else { continue }
                    if names.contains(key) {
                        throw SQLError(.invalidArgument, "Duplicate struct entry name \"\(key)\"", at: call.arguments[i].range)
                    }
                    names.append(key)
                    values.append(args[i + 1].type == .null ? .constant(.null, .integer) : args[i + 1])
                }
            }
            let type = LogicalType.structure(names: names, types: values.map(\.type))
            return fold(.call(BoundFunction(name: call.name == "row" ? "row" : "struct_pack", returnType: type, canFail: false,
                                            kernel: RowKernel.make(type, strict: false) { v in .structure(v) }), values))
        case "list_extract", "array_extract", "list_element":
            guard args.count == 2 else { throw SQLError(.invalidArgument, "\(call.name)() takes 2 arguments", at: call.range) }
            guard case .list(let element) = args[0].type else {
                throw SQLError(.unsupported, "indexing \(args[0].type) is not supported by Tally's SQL yet", at: call.range,
                               hint: "index a list: (list(x ORDER BY y))[1]")
            }
            let index = try coerce(args[1], to: .bigint, at: call.arguments[1].range)
            return fold(.call(BoundFunction(name: "list_extract", returnType: element, canFail: false,
                                            kernel: RowKernel.make(element) { v in
                guard case .list(let xs) = v[0], case .int(let i) = v[1] else { return .null }
                // 1-based; negative counts from the end; out of range is NULL (as DuckDB).
                let k = i > 0 ? Int(i) - 1 : xs.count + Int(clamping: i)
                return i != 0 && k >= 0 && k < xs.count ? xs[k] : .null
            }), [args[0], index]))
        case "len", "length", "array_length":
            guard args.count == 1, args[0].type.listElement != nil else { return nil }
            return fold(.call(BoundFunction(name: "len", returnType: .bigint, canFail: false, kernel: RowKernel.make(.bigint) { v in
                guard case .list(let xs) = v[0] else { return .null }
                return .int(Int128(xs.count))
            }), args))
        case "generate_series", "range":
            // In an expression the series is one LIST value (in FROM, rows: SeriesNode).
            let (start, stop, step, type) = try seriesArguments(call.name, args, call.arguments, call.range)
            let inclusive = call.name == "generate_series", name = call.name, range = call.range
            return fold(.call(BoundFunction(name: name, returnType: .list(type), canFail: true, kernel: RowKernel.make(.list(type)) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                .list(try SeriesGenerator.series(v[0], v[1], v[2], inclusive: inclusive, function: name, at: range))
            }), [start, stop, step]))
        case "unnest":
            // A whole select item of a query that does not aggregate is taken by SelectBinder.
            throw SQLError(.unsupported, "unnest() inside an expression is not supported by Tally's SQL yet",
                           at: call.range, hint: "unnest as a whole select item in a subquery, then aggregate its rows outside")
        case "to_json":
            guard args.count == 1 else { throw SQLError(.invalidArgument, "to_json() takes 1 argument", at: call.range) }
            let t = args[0].type
            return fold(.call(BoundFunction(name: "to_json", returnType: .varchar, canFail: false,
                                            kernel: RowKernel.make(.varchar) { v in .string(JSONValueText.text(v[0], t)) }), args))
        default:
            return nil
        }
    }
}

/// Values as JSON text, as DuckDB's to_json writes them: no spaces, numbers bare (a
/// DECIMAL with its scale), text and times quoted, lists as arrays, structs as objects.
enum JSONValueText {
    static func text(_ v: ScalarValue, _ type: LogicalType) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int, .double:
            if case .double(let d) = v, !d.isFinite { return "null" }
            return Cast.text(v, type)
        case .list(let xs):
            guard case .list(let t) = type else { return "null" }
            return "[" + xs.map { text($0, t) }.joined(separator: ",") + "]"
        case .structure(let xs):
            guard case .structure(let names, let types) = type else { return "null" }
            return "{" + xs.indices.map { quoted(names[$0]) + ":" + text(xs[$0], types[$0]) }.joined(separator: ",") + "}"
        default:
            return quoted(Cast.text(v, type))
        }
    }

    /// `s` as a JSON string literal (RFC 8259 escapes, as every JSON Tally writes).
    static func quoted(_ s: String) -> String { TallyFormat.JSONText.quoted(s) }
}
