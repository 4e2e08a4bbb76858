/// Operators, IN, LIKE and CASE.
extension ExpressionBinder {
    func bindBinary(_ op: String, _ lhs: SyntaxExpression, _ rhs: SyntaxExpression, _ r: SourceRange,
                    _ clause: Clause) throws(SQLError) -> BoundExpression {
        let l = try bind(lhs, clause), rr = try bind(rhs, clause)
        switch op {
        case "AND", "OR":
            let a = try coerce(l, to: .boolean, at: lhs.range), b = try coerce(rr, to: .boolean, at: rhs.range)
            let isAnd = op == "AND"
            var parts: [BoundExpression] = []
            for x in [a, b] {
                if case .conjunction(let inner, let xs) = x, inner == isAnd { parts += xs } else { parts.append(x) }
            }
            // Constant folding of the three-valued logic.
            if parts.allSatisfy({ $0.constantValue != nil }) {
                let v = Logic.combine(.constant(parts[0].constantValue!, type: .boolean, count: 1),
                                      .constant(parts[1].constantValue!, type: .boolean, count: 1), isAnd: isAnd, count: 1)
                var acc = v
                for p in parts.dropFirst(2) { acc = Logic.combine(acc, .constant(p.constantValue!, type: .boolean, count: 1), isAnd: isAnd, count: 1) }
                return .constant(acc.value(0), .boolean)
            }
            return .conjunction(isAnd: isAnd, parts)
        case "=", "<>", "<", "<=", ">", ">=":
            if let (cmp, a, b) = DateTimestampComparison.rewrite(Comparison.Operator(rawValue: op)!, l, rr) {
                return .call(BoundFunction(name: cmp.rawValue, returnType: .boolean, canFail: false,
                                           kernel: Comparison.kernel(cmp, type: .date), filterForm: .compare(cmp)), [a, b])
            }
            var t = try commonType(l, rr, op, r)
            // In UTC an instant and a TIMESTAMP are the same number: compared as TIMESTAMPs,
            // a filter on ts keeps its pruning by day (`ts >= to_timestamp(...)`).
            if t == .timestamptz, zone.isUTC, l.type == .timestamp || rr.type == .timestamp { t = .timestamp }
            let a = try coerce(l, to: t, at: lhs.range), b = try coerce(rr, to: t, at: rhs.range)
            let cmp = Comparison.Operator(rawValue: op)!
            return fold(.call(BoundFunction(name: op, returnType: .boolean, canFail: false, kernel: Comparison.kernel(cmp, type: t), filterForm: .compare(cmp)), [a, b]))
        case "IS DISTINCT FROM", "IS NOT DISTINCT FROM":
            let t = try commonType(l, rr, op, r)
            let a = try coerce(l, to: t, at: lhs.range), b = try coerce(rr, to: t, at: rhs.range)
            return fold(.call(BoundFunction(name: op, returnType: .boolean, canFail: false,
                                            kernel: Comparison.distinctKernel(negated: op == "IS NOT DISTINCT FROM")), [a, b]))
        case "||":
            let a = try cast(l, to: .varchar, at: lhs.range), b = try cast(rr, to: .varchar, at: rhs.range)
            return fold(.call(BoundFunction(name: "||", returnType: .varchar, canFail: false, kernel: RowKernel.make(.varchar) { v in
                guard case .string(let x) = v[0], case .string(let y) = v[1] else { return .null }
                return .string(x + y)
            }), [a, b]))
        default:
            return try bindArithmetic(op, l, rr, lhs.range, rhs.range, r)
        }
    }

    func bindArithmetic(_ op: String, _ l0: BoundExpression, _ r0: BoundExpression, _ lr: SourceRange, _ rr: SourceRange,
                        _ r: SourceRange) throws(SQLError) -> BoundExpression {
        var l = l0, rhs = r0
        // Text constants take the other operand's type (DuckDB's literal casts).
        if l.type == .varchar, l.constantValue != nil, rhs.type != .varchar { l = try cast(l, to: rhs.type == .null ? .double : rhs.type, at: lr) }
        if rhs.type == .varchar, rhs.constantValue != nil, l.type != .varchar { rhs = try cast(rhs, to: l.type == .null ? .double : l.type, at: rr) }
        if l.type == .null && rhs.type == .null { return .constant(.null, .integer) }
        if l.type == .null { l = .constant(.null, rhs.type) }
        if rhs.type == .null { rhs = .constant(.null, l.type) }
        if let zoned = try bindZonedArithmetic(op, l, rhs, r) { return zoned }
        let temporal: Set<LogicalType> = [.date, .timestamp, .interval]
        if temporal.contains(l.type) || temporal.contains(rhs.type) {
            guard let (type, kernel) = TemporalArithmetic.kernel(op, l.type, rhs.type, at: r) else {
                throw SQLError(.invalidArgument, "no operator \(l.type) \(op) \(rhs.type)", at: r,
                               hint: "dates and timestamps take + and - with INTERVALs (or whole days for dates)")
            }
            return try foldChecked(.call(BoundFunction(name: op, returnType: type, canFail: true, kernel: kernel), [l, rhs]), r)
        }
        guard l.type.isNumeric, rhs.type.isNumeric else {
            throw SQLError(.invalidArgument, "no operator \(l.type) \(op) \(rhs.type)", at: r,
                           hint: l.type == .varchar || rhs.type == .varchar ? "use || to join text, or CAST text to a number" : nil)
        }
        if l.type == .double || rhs.type == .double || op == "^" {
            let a = try cast(l, to: .double, at: lr), b = try cast(rhs, to: .double, at: rr)
            return fold(.call(BoundFunction(name: op, returnType: .double, canFail: false, kernel: Arithmetic.double(op)), [a, b]))
        }
        if op == "/" {
            return fold(.call(BoundFunction(name: "/", returnType: .double, canFail: false, kernel: Arithmetic.exactDivide(l.type, rhs.type)), [l, rhs]))
        }
        if l.type.isInteger && rhs.type.isInteger {
            // Integer results are at least BIGINT, so small columns do not overflow INTEGER.
            var t = TypePromotion.common(l.type, rhs.type)!
            if t == .integer { t = .bigint }
            let a = try cast(l, to: t, at: lr), b = try cast(rhs, to: t, at: rr)
            if op == "//" || op == "%" {
                return try foldChecked(.call(BoundFunction(name: op, returnType: t, canFail: true, kernel: Arithmetic.exactDivMod(op, result: t, at: r)), [a, b]), r)
            }
            return try foldChecked(.call(BoundFunction(name: op, returnType: t, canFail: true,
                                                       kernel: Arithmetic.exact(op, result: t, operandType: t, at: r)), [a, b]), r)
        }
        // Decimals (an integer operand counts as a DECIMAL of its width).
        let da = TypePromotion.asDecimal(l.type), db = TypePromotion.asDecimal(rhs.type)
        let sa = da.scale, sb = db.scale
        let wa = da.decimalWidth, wb = db.decimalWidth
        if op == "*" {
            let scale = sa + sb
            let width = min(38, wa + wb)
            if scale > 38 {
                let a = try cast(l, to: .double, at: lr), b = try cast(rhs, to: .double, at: rr)
                return fold(.call(BoundFunction(name: op, returnType: .double, canFail: false, kernel: Arithmetic.double(op)), [a, b]))
            }
            let t = LogicalType.decimal(width: max(width, scale), scale: scale)
            // Operands keep their scales; their product has the sum of them.
            let a = try cast(l, to: .decimal(width: t.isInt128Backed ? 38 : 18, scale: sa), at: lr)
            let b = try cast(rhs, to: .decimal(width: t.isInt128Backed ? 38 : 18, scale: sb), at: rr)
            return try foldChecked(.call(BoundFunction(name: op, returnType: t, canFail: true,
                                                       kernel: Arithmetic.exact("*", result: t, operandType: t, at: r)), [a, b]), r)
        }
        let scale = max(sa, sb)
        let width = min(38, max(wa - sa, wb - sb) + scale + (op == "+" || op == "-" ? 1 : 0))
        let t = LogicalType.decimal(width: width, scale: scale)
        let a = try cast(l, to: t, at: lr), b = try cast(rhs, to: t, at: rr)
        if op == "//" || op == "%" {
            return try foldChecked(.call(BoundFunction(name: op, returnType: t, canFail: true, kernel: Arithmetic.exactDivMod(op, result: t, at: r)), [a, b]), r)
        }
        return try foldChecked(.call(BoundFunction(name: op, returnType: t, canFail: true,
                                                   kernel: Arithmetic.exact(op, result: t, operandType: t, at: r)), [a, b]), r)
    }

    func bindIn(_ x: SyntaxExpression, _ list: [SyntaxExpression], _ negated: Bool, _ r: SourceRange,
                _ clause: Clause) throws(SQLError) -> BoundExpression {
        let subject = try bind(x, clause)
        if list.isEmpty { return .constant(.bool(negated), .boolean) }
        var items: [BoundExpression] = []
        for e in list { items.append(try bind(e, clause)) }
        // A string literal takes the other side's type, as in a comparison: on the left
        // (`'2026-01-01' IN (DATE '2025-03-09')`) as among the items.
        let subjectIsLiteralText = subject.type == .varchar && subject.constantValue.map { !$0.isNull } == true
        var t = subjectIsLiteralText ? LogicalType.null : subject.type
        for item in items {
            if item.type == .varchar, item.constantValue != nil, t != .varchar, t != .null { continue }
            guard let c = TypePromotion.common(t, item.type) else {
                throw SQLError(.invalidArgument, "IN compares \(subject.type) with \(item.type)", at: item.range(in: list), hint: "add an explicit CAST")
            }
            t = c
        }
        if t == .null { t = .varchar }
        let s = try coerce(subject, to: t, at: x.range)
        var coerced: [BoundExpression] = []
        for (i, item) in items.enumerated() { coerced.append(try coerce(item, to: t, at: list[i].range)) }
        if coerced.allSatisfy({ $0.constantValue != nil }) {
            let values = coerced.map { $0.constantValue! }
            let hasNull = values.contains(where: \.isNull)
            let set = Set(values.filter { !$0.isNull }.map(Distinct.normalized))
            var function = BoundFunction(name: negated ? "NOT IN" : "IN", returnType: .boolean, canFail: false, kernel: RowKernel.make(.boolean) { v in
                let hit = set.contains(Distinct.normalized(v[0]))
                if hit { return .bool(!negated) }
                return hasNull ? .null : .bool(negated)
            }, filterForm: negated ? nil : .oneOf(values.filter { !$0.isNull }))
            function.identity = values.map { ScalarValue.sqlText($0, t) }.joined(separator: ", ")
            return fold(.call(function, [s]))
        }
        return fold(.call(BoundFunction(name: negated ? "NOT IN" : "IN", returnType: .boolean, canFail: false, kernel: RowKernel.make(.boolean, strict: false) { v in
            if v[0].isNull { return .null }
            var sawNull = false
            for x in v.dropFirst() {
                if x.isNull { sawNull = true; continue }
                if ScalarValue.compare(v[0], x) == 0 { return .bool(!negated) }
            }
            return sawNull ? .null : .bool(negated)
        }), [s] + coerced))
    }

    func bindLike(_ x: SyntaxExpression, _ pattern: SyntaxExpression, _ ci: Bool, _ negated: Bool, _ escape: SyntaxExpression?,
                  _ r: SourceRange, _ clause: Clause) throws(SQLError) -> BoundExpression {
        let subject = try cast(try bind(x, clause), to: .varchar, at: x.range)
        let p = try cast(try bind(pattern, clause), to: .varchar, at: pattern.range)
        var escapeScalar: Unicode.Scalar? = nil
        if let escape {
            guard case .string(let e)? = try bind(escape, clause).constantValue, e.unicodeScalars.count <= 1 else {
                throw SQLError(.invalidArgument, "the ESCAPE of LIKE must be one character", at: escape.range)
            }
            escapeScalar = e.unicodeScalars.first
        }
        let name = (negated ? "NOT " : "") + (ci ? "ILIKE" : "LIKE")
        let escapeCharacter = escapeScalar
        if case .string(let text)? = p.constantValue {
            let matcher = LikeMatcher(text, escape: escapeCharacter, caseInsensitive: ci)
            return fold(.call(BoundFunction(name: name, returnType: .boolean, canFail: false, kernel: StringPredicateKernel.make { s in
                matcher.matches(ci ? s.lowercased() : s) != negated
            }), [subject]))
        }
        return fold(.call(BoundFunction(name: name, returnType: .boolean, canFail: false, kernel: RowKernel.make(.boolean) { v in
            guard case .string(let s) = v[0], case .string(let pat) = v[1] else { return .null }
            let matcher = LikeMatcher(pat, escape: escapeCharacter, caseInsensitive: ci)
            return .bool(matcher.matches(ci ? s.lowercased() : s) != negated)
        }), [subject, p]))
    }

    func bindCase(_ operand: SyntaxExpression?, _ branches: [(SyntaxExpression, SyntaxExpression)], _ otherwise: SyntaxExpression?,
                  _ r: SourceRange, _ clause: Clause) throws(SQLError) -> BoundExpression {
        var conditions: [BoundExpression] = []
        var results: [BoundExpression] = []
        for (w, then) in branches {
            if let operand {
                conditions.append(try bindBinary("=", operand, w, w.range, clause))
            } else {
                conditions.append(try coerce(try bind(w, clause), to: .boolean, at: w.range))
            }
            results.append(try bind(then, clause))
        }
        let elseValue = try otherwise.map { e throws(SQLError) in try bind(e, clause) } ?? .constant(.null, .null)
        var t: LogicalType = .null
        for v in results + [elseValue] where !(v.type == .varchar && v.constantValue != nil && results.contains { $0.type != .varchar && $0.type != .null }) {
            guard let c = TypePromotion.common(t, v.type) else {
                throw SQLError(.invalidArgument, "the branches of CASE have types \(t) and \(v.type)", at: r, hint: "CAST the branches to one type")
            }
            t = c
        }
        if t == .null && (results + [elseValue]).contains(where: { $0.type == .varchar }) { t = .varchar }
        var bound: [(BoundExpression, BoundExpression)] = []
        for (i, c) in conditions.enumerated() { bound.append((c, try coerce(results[i], to: t, at: branches[i].1.range))) }
        let e = try coerce(elseValue, to: t, at: otherwise?.range ?? r)
        // Constant conditions decide at bind time.
        var live: [(BoundExpression, BoundExpression)] = []
        for (c, v) in bound {
            if case .bool(true)? = c.constantValue { if live.isEmpty { return v }; live.append((c, v)); break }
            if let cv = c.constantValue, !(cv == .bool(true)) { continue }
            live.append((c, v))
        }
        if live.isEmpty { return e }
        return .caseWhen(live, e, t)
    }
}

extension BoundExpression {
    /// Where an IN-list item came from (for messages).
    func range(in list: [SyntaxExpression]) -> SourceRange { list.first?.range ?? SourceRange(offset: 0, length: 0, line: 1, column: 1) }
}
