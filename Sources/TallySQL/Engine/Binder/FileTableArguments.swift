/// The named parameters of the file table functions (`delim=';'`), as DuckDB spells them.
enum FileTableArguments {
    /// `name=value` (parsed as a comparison of a column with the value), or nil.
    static func named(_ e: SyntaxExpression) -> (String, SyntaxExpression)? {
        guard case .binary("=", .column(nil, let name), let value, _) = e else { return nil }
        return (name.normalized, value)
    }

    /// `read_csv`'s options from its named parameters.
    static func csvOptions(_ parameters: [(name: String, value: ScalarValue, type: LogicalType, range: SourceRange)]) throws(SQLError) -> CSVOptions {
        var o = CSVOptions()
        for p in parameters {
            func text() throws(SQLError) -> String {
                guard case .string(let s) = p.value else { throw SQLError(.invalidArgument, "\(p.name)= takes a string", at: p.range) }
                return s
            }
            func byte() throws(SQLError) -> UInt8 {
                let s = try text()
                let b = s == "\\t" ? UInt8(ascii: "\t") : (s.utf8.count == 1 ? s.utf8.first : nil)
                guard let b else { throw SQLError(.invalidArgument, "\(p.name)= takes one character, not '\(s)'", at: p.range, hint: "\(p.name)=';' or \(p.name)='\\t'") }
                return b
            }
            func flag() throws(SQLError) -> Bool {
                guard case .bool(let b) = p.value else { throw SQLError(.invalidArgument, "\(p.name)= takes true or false", at: p.range) }
                return b
            }
            func strings() throws(SQLError) -> [String] {
                guard case .list(let xs) = p.value else { throw SQLError(.invalidArgument, "\(p.name)= takes a list of strings: ['a', 'b']", at: p.range) }
                var out: [String] = []
                for x in xs {
                    guard case .string(let s) = x else { throw SQLError(.invalidArgument, "\(p.name)= takes a list of strings: ['a', 'b']", at: p.range) }
                    out.append(s)
                }
                return out
            }
            /// `{'name': 'TYPE', ...}` as (name, type) pairs.
            func typedNames() throws(SQLError) -> [(name: String, type: LogicalType)] {
                guard case .structure(let values) = p.value, case .structure(let names, _) = p.type else {
                    throw SQLError(.invalidArgument, "\(p.name)= takes a struct of type names: {'col': 'VARCHAR'}", at: p.range)
                }
                var out: [(name: String, type: LogicalType)] = []
                for (n, v) in zip(names, values) {
                    guard case .string(let t) = v else { throw SQLError(.invalidArgument, "the type of \(n) must be a string such as 'BIGINT'", at: p.range) }
                    out.append((n, try SyntaxParser.typeName(t, at: p.range)))
                }
                return out
            }
            switch p.name {
            case "delim", "sep", "delimiter": o.delimiter = try byte()
            case "quote": o.quote = try byte()
            case "escape": o.escape = try byte()
            case "header": o.header = try flag()
            case "all_varchar": o.allVarchar = try flag()
            case "auto_detect": _ = try flag()  // Tally always detects what is not given
            case "nullstr": o.nullString = try text()
            case "names", "column_names": o.names = try strings()
            case "columns": o.columns = try typedNames()
            case "types", "dtypes", "column_types":
                if case .list = p.value {
                    var types: [LogicalType] = []
                    for t in try strings() { types.append(try SyntaxParser.typeName(t, at: p.range)) }
                    o.typesByPosition = types
                } else {
                    o.typesByName = try typedNames()
                }
            default:
                throw SQLError(.unsupported, "read_csv's parameter \(p.name) is not supported by Tally's SQL yet", at: p.range,
                               hint: "the parameters are \(CSVOptions.parameterNames.joined(separator: ", "))")
            }
        }
        return o
    }
}
