/// Expressions, loosest-binding level first.
extension SyntaxParser {
    mutating func parseExpression() throws(SQLError) -> SyntaxExpression {
        try enter()
        defer { depth -= 1 }
        return try parseOr()
    }

    mutating func parseOr() throws(SQLError) -> SyntaxExpression {
        var left = try parseAnd()
        while try accept("OR") {
            let right = try parseAnd()
            left = .binary("OR", left, right, left.range.through(right.range))
        }
        return left
    }

    mutating func parseAnd() throws(SQLError) -> SyntaxExpression {
        var left = try parseNot()
        while try accept("AND") {
            let right = try parseNot()
            left = .binary("AND", left, right, left.range.through(right.range))
        }
        return left
    }

    mutating func parseNot() throws(SQLError) -> SyntaxExpression {
        guard current.isWord("NOT") else { return try parseIs() }
        let not = current
        try advance()
        try enter()
        defer { depth -= 1 }
        let operand = try parseNot()
        return .unary("NOT", operand, not.range.through(operand.range))
    }

    mutating func parseIs() throws(SQLError) -> SyntaxExpression {
        var left = try parseComparison()
        while current.isWord("IS") || current.isWord("ISNULL") || current.isWord("NOTNULL") {
            if try accept("ISNULL") { left = .isNull(left, negated: false, left.range.through(previousRange)); continue }
            if try accept("NOTNULL") { left = .isNull(left, negated: true, left.range.through(previousRange)); continue }
            try advance()
            let negated = try accept("NOT")
            if try accept("NULL") {
                left = .isNull(left, negated: negated, left.range.through(previousRange))
            } else if try accept("TRUE") {
                left = .isBoolean(left, value: true, negated: negated, left.range.through(previousRange))
            } else if try accept("FALSE") {
                left = .isBoolean(left, value: false, negated: negated, left.range.through(previousRange))
            } else if try accept("UNKNOWN") {
                left = .isNull(left, negated: negated, left.range.through(previousRange))
            } else if try accept("DISTINCT") {
                try expectWord("FROM")
                let right = try parseComparison()
                left = .binary(negated ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM", left, right, left.range.through(right.range))
            } else {
                throw syntax(expected: "NULL, TRUE, FALSE or DISTINCT FROM after IS")
            }
        }
        return left
    }

    static let comparisonOperators: [String: String] = [
        "=": "=", "==": "=", "<>": "<>", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=",
    ]

    mutating func parseComparison() throws(SQLError) -> SyntaxExpression {
        var left = try parsePredicate()
        while case .symbol(let s) = current.kind, let op = SyntaxParser.comparisonOperators[s] {
            try advance()
            if let upper = current.upperWord, ["ANY", "ALL", "SOME"].contains(upper) {
                throw unsupported("\(upper) comparisons", plural: true, hint: "use IN (...)")
            }
            let right = try parsePredicate()
            left = .binary(op, left, right, left.range.through(right.range))
        }
        return left
    }

    /// BETWEEN, IN, LIKE, ILIKE (with an optional NOT before them).
    mutating func parsePredicate() throws(SQLError) -> SyntaxExpression {
        var left = try parseOther()
        while true {
            var negated = false
            if current.isWord("NOT"), let next = peek().upperWord, ["BETWEEN", "IN", "LIKE", "ILIKE", "SIMILAR", "GLOB"].contains(next) {
                negated = true
                try advance()
            }
            guard let word = current.upperWord else { return left }
            switch word {
            case "BETWEEN":
                try advance()
                _ = try accept("ASYMMETRIC")
                if current.isWord("SYMMETRIC") { throw unsupported("BETWEEN SYMMETRIC") }
                let low = try parseOther()
                try expectWord("AND")
                let high = try parseOther()
                left = .between(left, low, high, negated: negated, left.range.through(high.range))
            case "IN":
                try advance()
                try expect("(")
                if current.isWord("SELECT") || current.isWord("WITH") {
                    let q = try parseQuery()
                    let close = try expect(")")
                    left = .inSubquery(left, q, negated: negated, left.range.through(close.range))
                    continue
                }
                var list: [SyntaxExpression] = []
                if !current.isSymbol(")") {
                    repeat { list.append(try parseExpression()) } while try acceptSymbol(",")
                }
                let close = try expect(")")
                left = .inList(left, list, negated: negated, left.range.through(close.range))
            case "LIKE", "ILIKE":
                try advance()
                let pattern = try parseOther()
                var escape: SyntaxExpression? = nil
                if try accept("ESCAPE") { escape = try parseOther() }
                left = .like(left, pattern, caseInsensitive: word == "ILIKE", negated: negated, escape: escape,
                             left.range.through(previousRange))
            case "SIMILAR", "GLOB":
                throw unsupported(word == "GLOB" ? "GLOB" : "SIMILAR TO", hint: "use LIKE or regexp_matches")
            default:
                if negated { throw syntax(expected: "BETWEEN, IN or LIKE after NOT") }
                return left
            }
        }
    }

    /// `||` and the operators DuckDB places beside it.
    mutating func parseOther() throws(SQLError) -> SyntaxExpression {
        var left = try parseAdditive()
        while current.isSymbol("||") || current.isSymbol("<<") || current.isSymbol(">>") || current.isSymbol("&") || current.isSymbol("|") {
            let op = current.text
            if op != "||" { throw unsupported("the bitwise operator \(op)") }
            try advance()
            let right = try parseAdditive()
            left = .binary("||", left, right, left.range.through(right.range))
        }
        return left
    }

    mutating func parseAdditive() throws(SQLError) -> SyntaxExpression {
        var left = try parseMultiplicative()
        while current.isSymbol("+") || current.isSymbol("-") {
            let op = current.text
            try advance()
            let right = try parseMultiplicative()
            left = .binary(op, left, right, left.range.through(right.range))
        }
        return left
    }

    mutating func parseMultiplicative() throws(SQLError) -> SyntaxExpression {
        var left = try parseExponent()
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("//") || current.isSymbol("%") {
            let op = current.text
            try advance()
            let right = try parseExponent()
            left = .binary(op, left, right, left.range.through(right.range))
        }
        return left
    }

    mutating func parseExponent() throws(SQLError) -> SyntaxExpression {
        var left = try parseUnary()
        while current.isSymbol("^") || current.isSymbol("**") {
            try advance()
            let right = try parseUnary()
            left = .binary("^", left, right, left.range.through(right.range))
        }
        return left
    }

    mutating func parseUnary() throws(SQLError) -> SyntaxExpression {
        let sign = current
        guard sign.isSymbol("-") || sign.isSymbol("+") || sign.isSymbol("~") else { return try parsePostfix(try parsePrimary()) }
        try advance()
        try enter()
        defer { depth -= 1 }
        if sign.isSymbol("-"), case .number(let text) = current.kind {
            // A negative constant is one literal (so -9223372036854775808 is a BIGINT).
            let number = current
            try advance()
            return try parsePostfix(.literal(.number("-" + text), sign.range.through(number.range)))
        }
        let operand = try parseUnary()
        if sign.isSymbol("+") { return operand }
        if sign.isSymbol("~") { throw unsupported("the bitwise operator ~") }
        return .unary("-", operand, sign.range.through(operand.range))
    }

    mutating func parsePostfix(_ base: SyntaxExpression) throws(SQLError) -> SyntaxExpression {
        var e = base
        while true {
            if try acceptSymbol("::") {
                let type = try parseTypeName()
                e = .cast(e, type, isTry: false, e.range.through(previousRange))
            } else if current.isWord("AT"), peek().isWord("TIME") {
                try advance()
                try advance()
                try expectWord("ZONE")
                let zone = try parsePrimary()
                e = .atTimeZone(e, zone, e.range.through(zone.range))
            } else if current.isWord("COLLATE") {
                throw unsupported("COLLATE")
            } else if current.isSymbol("[") {
                // `list[i]`: DuckDB's list_extract (1-based). Slices `[a:b]` are refused.
                let open = current
                try advance()
                let index = try parseExpression()
                if current.isSymbol(":") { throw unsupported("list slices [a:b]", plural: true) }
                let close = try expect("]")
                let range = e.range.through(close.range)
                e = .call(SyntaxCall(name: "list_extract", nameRange: open.range.through(close.range), arguments: [e, index],
                                     isDistinct: false, orderBy: [], filter: nil, range: range))
            } else {
                return e
            }
        }
    }

    mutating func parsePrimary() throws(SQLError) -> SyntaxExpression {
        let t = current
        switch t.kind {
        case .number(let text):
            try advance()
            return .literal(.number(text), t.range)
        case .string(let s):
            try advance()
            return .literal(.string(s), t.range)
        case .symbol("("):
            if peek().isWord("SELECT") || peek().isWord("WITH") {
                try advance()
                let q = try parseQuery()
                let close = try expect(")")
                return .subquery(q, t.range.through(close.range))
            }
            try advance()
            let inner = try parseExpression()
            if current.isSymbol(",") {
                // A row value `(a, b, ...)`: a call of `row`, which the binder takes as
                // arg_max/arg_min's ordering key and refuses elsewhere.
                var items = [inner]
                while try acceptSymbol(",") { items.append(try parseExpression()) }
                let close = try expect(")")
                let range = t.range.through(close.range)
                return .call(SyntaxCall(name: "row", nameRange: range, arguments: items, isDistinct: false, orderBy: [],
                                        filter: nil, range: range))
            }
            try expect(")")
            return inner
        case .symbol("*"):
            try advance()
            return .star(qualifier: nil, t.range)
        case .symbol("?"), .symbol("$"):
            throw unsupported("query parameters", plural: true, hint: "write the values into the query")
        case .symbol("["):
            // `[a, b, ...]`: a list literal, DuckDB's list_value(a, b, ...).
            try advance()
            var items: [SyntaxExpression] = []
            if !current.isSymbol("]") {
                repeat { items.append(try parseExpression()) } while try acceptSymbol(",")
            }
            let close = try expect("]")
            let range = t.range.through(close.range)
            return .call(SyntaxCall(name: "list_value", nameRange: range, arguments: items, isDistinct: false, orderBy: [],
                                    filter: nil, range: range))
        case .symbol("{"):
            // `{'key': value, ...}`: a struct literal; the keys travel as string literals
            // before their values (a call the binder alone makes).
            try advance()
            var items: [SyntaxExpression] = []
            if !current.isSymbol("}") {
                repeat {
                    let keyToken = current
                    let key: String
                    switch keyToken.kind {
                    case .string(let s): key = s; try advance()
                    default: key = try name().text
                    }
                    try expect(":")
                    items.append(.literal(.string(key), keyToken.range))
                    items.append(try parseExpression())
                } while try acceptSymbol(",")
            }
            let close = try expect("}")
            let range = t.range.through(close.range)
            return .call(SyntaxCall(name: "{struct}", nameRange: range, arguments: items, isDistinct: false, orderBy: [],
                                    filter: nil, range: range))
        case .quotedIdentifier:
            return try parseNameOrCall()
        case .word(_, let upper):
            return try parseWord(t, upper: upper)
        default:
            throw syntax(expected: "an expression")
        }
    }

    mutating func parseWord(_ t: SQLToken, upper: String) throws(SQLError) -> SyntaxExpression {
        switch upper {
        case "NULL":
            try advance()
            return .literal(.null, t.range)
        case "TRUE", "FALSE":
            try advance()
            return .literal(.boolean(upper == "TRUE"), t.range)
        case "CASE":
            return try parseCase()
        case "CAST", "TRY_CAST":
            try advance()
            try expect("(")
            let x = try parseExpression()
            try expectWord("AS")
            let type = try parseTypeName()
            let close = try expect(")")
            return .cast(x, type, isTry: upper == "TRY_CAST", t.range.through(close.range))
        case "INTERVAL":
            return try parseInterval()
        case "EXISTS" where peek().isSymbol("("):
            try advance()
            try advance()
            guard startsQuery else { throw syntax(expected: "a query (SELECT ...) after EXISTS (") }
            let q = try parseQuery()
            let close = try expect(")")
            return .exists(q, t.range.through(close.range))
        case "ARRAY":
            throw unsupported("arrays", plural: true)
        case "EXTRACT" where peek().isSymbol("("):
            try advance()
            try advance()
            let fieldToken = current
            let field: String
            switch fieldToken.kind {
            case .word(let w, _): field = w.lowercased()
            case .string(let s): field = s.lowercased()
            default: throw syntax(expected: "a date part (year, month, day, hour, ...)")
            }
            try advance()
            try expectWord("FROM")
            let x = try parseExpression()
            let close = try expect(")")
            return .call(SyntaxCall(name: "date_part", nameRange: t.range,
                                    arguments: [.literal(.string(field), fieldToken.range), x],
                                    isDistinct: false, orderBy: [], filter: nil, range: t.range.through(close.range)))
        case "CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_TIME", "LOCALTIMESTAMP":
            if peek().isSymbol("(") { break }
            try advance()
            return .call(SyntaxCall(name: upper.lowercased(), nameRange: t.range, arguments: [], isDistinct: false,
                                    orderBy: [], filter: nil, range: t.range))
        default:
            break
        }
        if let type = SyntaxParser.literalTypes[upper], case .string(let text) = peek().kind {
            try advance()
            let s = current
            try advance()
            return .literal(.typed(type, text), t.range.through(s.range))
        }
        return try parseNameOrCall()
    }

    static let literalTypes: [String: LogicalType] = [
        "DATE": .date, "TIMESTAMP": .timestamp, "DATETIME": .timestamp, "TIMESTAMPTZ": .timestamptz, "INTEGER": .integer, "BIGINT": .bigint,
        "DOUBLE": .double, "VARCHAR": .varchar, "BOOLEAN": .boolean, "HUGEINT": .hugeint,
    ]

    mutating func parseNameOrCall() throws(SQLError) -> SyntaxExpression {
        let t = current
        if peek().isSymbol("(") {
            let n: String
            switch t.kind {
            case .word(let text, _): n = text.lowercased()
            case .quotedIdentifier(let text): n = text
            default: throw syntax(expected: "a function name")
            }
            try advance()
            return try parseCall(name: n, at: t)
        }
        guard isName else { throw syntax(expected: "an expression") }
        let first = try name()
        if current.isSymbol(".") {
            try advance()
            if current.isSymbol("*") { throw syntax(expected: "a column name", hint: "t.* is only allowed in the select list") }
            let second = try name()
            if current.isSymbol(".") { throw unsupported("names with more than one qualifier", plural: true) }
            return .column(qualifier: first.normalized, name: second)
        }
        return .column(qualifier: nil, name: first)
    }

    mutating func parseCall(name: String, at t: SQLToken) throws(SQLError) -> SyntaxExpression {
        try enter()
        defer { depth -= 1 }
        try expect("(")
        var call = SyntaxCall(name: name, nameRange: t.range, arguments: [], isDistinct: false, orderBy: [], filter: nil, range: t.range)
        if try accept("DISTINCT") { call.isDistinct = true } else { _ = try accept("ALL") }
        if name == "substring" || name == "substr" || name == "trim" || name == "position" {
            if let special = try parseSpecialCall(&call) { return special }
        }
        if !current.isSymbol(")") {
            repeat {
                if current.isSymbol("*") && peek().isSymbol(")") {
                    call.arguments.append(.star(qualifier: nil, current.range))
                    try advance()
                } else {
                    call.arguments.append(try parseExpression())
                }
            } while try acceptSymbol(",")
        }
        if try accept("ORDER") {
            try expectWord("BY")
            repeat { call.orderBy.append(try parseOrderItem()) } while try acceptSymbol(",")
        }
        let close = try expect(")", "\")\" to close \(name)(")
        call.range = t.range.through(close.range)
        if current.isWord("WITHIN") { throw unsupported("WITHIN GROUP", hint: "use quantile_cont(x, p)") }
        if try accept("FILTER") {
            try expect("(")
            _ = try accept("WHERE")
            call.filter = try parseExpression()
            let end = try expect(")")
            call.range = t.range.through(end.range)
        }
        if current.isWord("IGNORE") || current.isWord("RESPECT") {
            throw unsupported("IGNORE NULLS / RESPECT NULLS", hint: "filter the NULLs in a CASE or a subquery")
        }
        if try accept("OVER") {
            var w = try parseOver()
            w.callRange = call.range
            call.over = w
            call.range = t.range.through(w.range)
        }
        return .call(call)
    }

    /// `substring(x FROM a FOR b)`, `trim(BOTH 'c' FROM x)`, `position(a IN b)`; nil when
    /// the call uses the plain comma form.
    mutating func parseSpecialCall(_ call: inout SyntaxCall) throws(SQLError) -> SyntaxExpression? {
        let saved = index
        if call.name == "trim", let w = current.upperWord, ["BOTH", "LEADING", "TRAILING"].contains(w) {
            try advance()
            var chars: SyntaxExpression = .literal(.string(" "), current.range)
            if !current.isWord("FROM") { chars = try parseOther() }
            try expectWord("FROM")
            let x = try parseExpression()
            let close = try expect(")")
            let fn = w == "BOTH" ? "trim" : (w == "LEADING" ? "ltrim" : "rtrim")
            return .call(SyntaxCall(name: fn, nameRange: call.nameRange, arguments: [x, chars], isDistinct: false,
                                    orderBy: [], filter: nil, range: call.nameRange.through(close.range)))
        }
        let first = try parseOther()
        if call.name == "position", try accept("IN") {
            let haystack = try parseOther()
            let close = try expect(")")
            return .call(SyntaxCall(name: "strpos", nameRange: call.nameRange, arguments: [haystack, first], isDistinct: false,
                                    orderBy: [], filter: nil, range: call.nameRange.through(close.range)))
        }
        if call.name == "trim", try accept("FROM") {
            let x = try parseExpression()
            let close = try expect(")")
            return .call(SyntaxCall(name: "trim", nameRange: call.nameRange, arguments: [x, first], isDistinct: false,
                                    orderBy: [], filter: nil, range: call.nameRange.through(close.range)))
        }
        if call.name == "substring" || call.name == "substr", current.isWord("FROM") || current.isWord("FOR") {
            var args = [first]
            if try accept("FROM") { args.append(try parseExpression()) } else { args.append(.literal(.number("1"), current.range)) }
            if try accept("FOR") { args.append(try parseExpression()) }
            let close = try expect(")")
            return .call(SyntaxCall(name: "substring", nameRange: call.nameRange, arguments: args, isDistinct: false,
                                    orderBy: [], filter: nil, range: call.nameRange.through(close.range)))
        }
        index = saved
        return nil
    }

    mutating func parseCase() throws(SQLError) -> SyntaxExpression {
        let start = current
        try advance()
        var operand: SyntaxExpression? = nil
        if !current.isWord("WHEN") { operand = try parseExpression() }
        var branches: [(SyntaxExpression, SyntaxExpression)] = []
        while try accept("WHEN") {
            let w = try parseExpression()
            try expectWord("THEN")
            branches.append((w, try parseExpression()))
        }
        if branches.isEmpty { throw syntax(expected: "WHEN in CASE") }
        var otherwise: SyntaxExpression? = nil
        if try accept("ELSE") { otherwise = try parseExpression() }
        try expectWord("END")
        return .caseWhen(operand: operand, branches: branches, otherwise: otherwise, start.range.through(previousRange))
    }

    /// `INTERVAL '30 days'`, `INTERVAL '30' DAY`, `INTERVAL 30 DAY`, `INTERVAL (expr) DAY`.
    mutating func parseInterval() throws(SQLError) -> SyntaxExpression {
        let start = current
        try advance()
        let valueToken = current
        switch valueToken.kind {
        case .string(let text):
            try advance()
            if let unit = current.upperWord, IntervalText.unitMicros(unit) != nil || IntervalText.isMonthUnit(unit) {
                try advance()
                guard let n = Double(text.trimmingSpaces), let i = IntervalText.interval(n, unit: unit) else {
                    throw SQLError(.invalidLiteral, "invalid INTERVAL literal '\(text)' \(unit)", at: valueToken.range)
                }
                return .literal(.interval(i), start.range.through(previousRange))
            }
            return .literal(.typed(.interval, text), start.range.through(valueToken.range))
        case .number(let text):
            try advance()
            guard let unit = current.upperWord, let n = Double(text), let i = IntervalText.interval(n, unit: unit) else {
                throw syntax(expected: "a unit (DAY, HOUR, ...) after INTERVAL \(text)")
            }
            try advance()
            return .literal(.interval(i), start.range.through(previousRange))
        case .symbol("("):
            try advance()
            let e = try parseExpression()
            try expect(")")
            guard let unit = current.upperWord, let one = IntervalText.interval(1, unit: unit) else {
                throw syntax(expected: "a unit (DAY, HOUR, ...) after INTERVAL (...)")
            }
            try advance()
            // INTERVAL (x) DAY is x * INTERVAL 1 DAY.
            return .binary("*", .cast(e, .bigint, isTry: false, e.range), .literal(.interval(one), start.range), start.range.through(previousRange))
        default:
            throw syntax(expected: "a quoted interval after INTERVAL")
        }
    }

    /// The type a string names (`'BIGINT'`, `'DECIMAL(18,9)'`), as `CAST(x AS ...)` reads it:
    /// for the types of `read_csv(..., columns={'a': 'VARCHAR'})`.
    package static func typeName(_ text: String, at range: SourceRange) throws(SQLError) -> LogicalType {
        var p = SyntaxParser(text)
        do throws(SQLError) {
            try p.start()
            let type = try p.parseTypeName()
            guard p.current.isEnd else { throw p.syntax(expected: "the end of the type name") }
            return type
        } catch {
            throw SQLError(error.kind, "'\(text)' is not a type: \(error.message)", at: range, hint: error.hint)
        }
    }

    /// A type name after `::` or `AS`.
    mutating func parseTypeName() throws(SQLError) -> LogicalType {
        let t = current
        guard let upper = t.upperWord else { throw syntax(expected: "a type name") }
        try advance()
        var params: [Int] = []
        if current.isSymbol("(") {
            try advance()
            repeat {
                guard case .number(let n) = current.kind, let v = Int(n) else { throw syntax(expected: "a number") }
                params.append(v)
                try advance()
            } while try acceptSymbol(",")
            try expect(")")
        }
        if upper == "DOUBLE", current.isWord("PRECISION") { try advance() }
        if upper == "TIMESTAMP", current.isWord("WITH") || current.isWord("WITHOUT") {
            // TIMESTAMP WITH TIME ZONE / TIMESTAMP WITHOUT TIME ZONE.
            let with = current.isWord("WITH")
            try advance()
            guard current.isWord("TIME") else { throw syntax(expected: "TIME ZONE") }
            try advance()
            guard current.isWord("ZONE") else { throw syntax(expected: "ZONE") }
            try advance()
            return with ? .timestamptz : .timestamp
        }
        switch upper {
        case "INTEGER", "INT", "INT4", "INT32", "SIGNED", "SMALLINT", "INT2", "INT16", "TINYINT", "INT1", "SHORT": return .integer
        case "BIGINT", "INT8", "INT64", "LONG": return .bigint
        case "HUGEINT", "INT128": return .hugeint
        case "DOUBLE", "FLOAT8", "FLOAT", "NUMERIC_DOUBLE": return .double
        case "DECIMAL", "NUMERIC", "DEC":
            let w = params.first ?? 18, s = params.count > 1 ? params[1] : (params.isEmpty ? 3 : 0)
            guard w >= 1, w <= 38, s >= 0, s <= w else {
                throw SQLError(.invalidArgument, "DECIMAL(\(w),\(s)) is not a valid type", at: t.range, hint: "width 1 to 38, scale 0 to width")
            }
            return .decimal(width: w, scale: s)
        case "VARCHAR", "TEXT", "STRING", "CHAR", "BPCHAR", "NVARCHAR": return .varchar
        case "DATE": return .date
        case "TIMESTAMP", "DATETIME", "TIMESTAMP_MS", "TIMESTAMP_US": return .timestamp
        case "TIMESTAMPTZ": return .timestamptz
        case "INTERVAL": return .interval
        case "BOOLEAN", "BOOL", "LOGICAL": return .boolean
        case "REAL", "FLOAT4":
            throw unsupported("the type \(upper) (32-bit float)", at: t.range, hint: "use DOUBLE")
        default:
            throw unsupported("the type \(upper)", at: t.range, hint: "the types are BOOLEAN, INTEGER, BIGINT, HUGEINT, DOUBLE, DECIMAL(w,s), VARCHAR, DATE, TIMESTAMP, TIMESTAMPTZ and INTERVAL")
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
