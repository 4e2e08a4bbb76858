import Foundation

/// Binds syntax expressions: resolves names, types every node, inserts DuckDB's implicit
/// casts, folds constants, and (after GROUP BY) turns aggregate calls and group keys into
/// references to the aggregate's output.
final class ExpressionBinder {
    /// The query text, for names of unaliased expressions.
    let sql: String
    /// What FROM reads (nil: no FROM at all).
    let scope: BindingScope?
    /// The sources of the queries this one is a subquery of: a name found only there makes
    /// a correlated subquery, which is refused by name.
    var outerSources: [TableSource] = []
    /// Binds the queries of subqueries (with the CTEs in scope).
    var queryBinder: SelectBinder? = nil
    var hasTable: Bool { scope != nil }
    /// Select-list aliases usable where a name is not a column.
    var aliases: [String: SyntaxExpression] = [:]
    /// Aliases being expanded (an alias referring to itself is an error, not a loop).
    var expanding: Set<String> = []
    /// After GROUP BY: the group keys and the aggregates found so far.
    var grouping: GroupingContext? = nil
    /// The SELECT's window calls (nil where window functions are not allowed).
    var windows: WindowContext? = nil
    /// Schema columns referenced.
    var referencedColumns = Set<Int>()
    /// Columns of a FROM that is one relation (a derived table), referenced: the others
    /// need not be computed (`RelationPruning`).
    var relationColumns = Set<Int>()
    /// The statement's time: now() and current_date are the same everywhere in a statement.
    var statementTime: Int64 = Int64(Date().timeIntervalSince1970 * 1_000_000)

    /// The session's time zone (`SET TimeZone`).
    let zone: SessionZone

    init(sql: String, scope: BindingScope?, zone: SessionZone) {
        self.sql = sql
        self.scope = scope
        self.zone = zone
    }

    /// The source text of a range.
    func text(_ r: SourceRange) -> String {
        let u = Array(sql.utf8)
        guard r.offset >= 0, r.end <= u.count else { return "" }
        return String(decoding: u[r.offset..<r.end], as: UTF8.self)
    }

    /// An expression as written, lower-cased (a column with its qualifier), to tell group
    /// keys apart as DuckDB does.
    func written(_ e: SyntaxExpression) -> String {
        if case .column(let q, let n) = e { return (q.map { $0 + "." } ?? "") + n.normalized }
        return text(e.range).lowercased()
    }

    enum Clause: String {
        case select = "the select list", whereClause = "WHERE", groupBy = "GROUP BY", having = "HAVING", orderBy = "ORDER BY",
             aggregateArgument = "an aggregate's argument", limit = "LIMIT", other = "this clause", qualify = "QUALIFY",
             window = "a window's PARTITION BY, ORDER BY or arguments"
    }

    // MARK: - Entry

    /// Binds `e` in `clause`.
    func bind(_ e: SyntaxExpression, _ clause: Clause) throws(SQLError) -> BoundExpression {
        try enterDepth(e.range)
        defer { depth -= 1 }
        if let g = grouping, clause != .aggregateArgument, clause != .whereClause, clause != .groupBy {
            if !SyntaxInspector.containsAggregate(e) {
                // A whole group key (or an expression of it) reads the aggregate's output.
                let saved = grouping
                grouping = nil
                let base = try? bind(e, .aggregateArgument)
                grouping = saved
                // Constants stay constants (a key that folded to 10 is not LIMIT 10).
                if let base, base.constantValue != nil { return base }
                if let base, let key = g.keyIndex(base.identity) {
                    return .column(key, base.type, name: base.explained)
                }
                if case .column(_, let name) = e, base != nil {
                    throw SQLError(.invalidArgument, "column \(name.text) must appear in the GROUP BY clause or be used in an aggregate function",
                                   at: e.range, hint: "add \(name.text) to GROUP BY, or wrap it in any_value(...)")
                }
            }
        }
        return try bindNode(e, clause)
    }

    var depth = 0
    func enterDepth(_ r: SourceRange) throws(SQLError) {
        depth += 1
        if depth > 500 { throw SQLError(.tooDeeplyNested, "the expression is nested too deeply", at: r) }
    }

    func bindNode(_ e: SyntaxExpression, _ clause: Clause) throws(SQLError) -> BoundExpression {
        switch e {
        case .column(let qualifier, let name):
            return try bindColumn(qualifier, name, clause)
        case .star(_, let r):
            throw SQLError(.syntax, "* is only allowed in the select list and in count(*)", at: r)
        case .literal(let lit, let r):
            return try bindLiteral(lit, r)
        case .unary(let op, let x, let r):
            let v = try bind(x, clause)
            if op == "NOT" {
                let b = try coerce(v, to: .boolean, at: x.range)
                return fold(.call(BoundFunction(name: "NOT", returnType: .boolean, canFail: false, kernel: RowKernel.make(.boolean) { a in
                    if case .bool(let b) = a[0] { return .bool(!b) }
                    return .null
                }), [b]))
            }
            guard v.type.isNumeric || v.type == .interval || v.type == .null else {
                throw SQLError(.invalidArgument, "cannot negate a value of type \(v.type)", at: r)
            }
            let t: LogicalType = v.type == .null ? .integer : v.type
            return try foldChecked(.call(BoundFunction(name: "-", returnType: t, canFail: true, kernel: Arithmetic.negate(t, at: r)), [v]), r)
        case .binary(let op, let l, let rhs, let r):
            return try bindBinary(op, l, rhs, r, clause)
        case .isNull(let x, let negated, _):
            let v = try bind(x, clause)
            return fold(.call(BoundFunction(name: negated ? "IS NOT NULL" : "IS NULL", returnType: .boolean, canFail: false,
                                            kernel: NullTests.kernel(negated: negated), filterForm: .nullTest(negated: negated)), [v]))
        case .isBoolean(let x, let value, let negated, let r):
            let v = try coerce(try bind(x, clause), to: .boolean, at: r)
            return fold(.call(BoundFunction(name: "IS \(negated ? "NOT " : "")\(value)", returnType: .boolean, canFail: false,
                                            kernel: RowKernel.make(.boolean, strict: false) { a in
                let holds: Bool
                if case .bool(let b) = a[0] { holds = b == value } else { holds = false }
                return .bool(negated ? !holds : holds)
            }), [v]))
        case .inList(let x, let list, let negated, let r):
            return try bindIn(x, list, negated, r, clause)
        case .between(let x, let lo, let hi, let negated, let r):
            let ge = try bindBinary(">=", x, lo, r, clause)
            let le = try bindBinary("<=", x, hi, r, clause)
            let both = BoundExpression.conjunction(isAnd: true, [ge, le])
            if negated { return try negate(both) }
            return both
        case .like(let x, let pattern, let ci, let negated, let escape, let r):
            return try bindLike(x, pattern, ci, negated, escape, r, clause)
        case .caseWhen(let operand, let branches, let otherwise, let r):
            return try bindCase(operand, branches, otherwise, r, clause)
        case .cast(let x, let type, let isTry, let r):
            let v = try bind(x, clause)
            return try cast(v, to: type, isTry: isTry, at: r)
        case .call(let call):
            return try bindCall(call, clause)
        case .atTimeZone(let x, let zoneName, let r):
            return try bindAtTimeZone(try bind(x, clause), try bind(zoneName, clause), r)
        case .subquery(let q, let r):
            return try bindSubquery(q, .scalar, operand: nil, r, clause)
        case .exists(let q, let r):
            return try bindSubquery(q, .exists, operand: nil, r, clause)
        case .inSubquery(let x, let q, let negated, let r):
            return try bindSubquery(q, .membership(negated: negated), operand: x, r, clause)
        }
    }

    func negate(_ e: BoundExpression) throws(SQLError) -> BoundExpression {
        fold(.call(BoundFunction(name: "NOT", returnType: .boolean, canFail: false, kernel: RowKernel.make(.boolean) { a in
            if case .bool(let b) = a[0] { return .bool(!b) }
            return .null
        }), [e]))
    }

    // MARK: - Names

    func bindColumn(_ qualifier: String?, _ name: SQLIdentifier, _ clause: Clause) throws(SQLError) -> BoundExpression {
        let n = name.normalized
        let lookup = name.isQuoted ? [n, name.text.lowercased()] : [n]
        var candidates = scope?.sources.indices.map { $0 } ?? []
        if let qualifier {
            candidates = candidates.filter { scope!.sources[$0].qualifiers.contains(qualifier) }
            guard !candidates.isEmpty else {
                if outerSources.contains(where: { $0.qualifiers.contains(qualifier) }) {
                    if let ctx = queryBinder?.correlation { return try ctx.reference(qualifier, name) }
                    throw correlated(name)
                }
                let tables = (scope?.sources ?? []).map(\.displayName)
                throw SQLError(.invalidArgument, "no table named \(qualifier) in this query", at: name.range,
                               hint: tables.isEmpty ? "the query has no FROM" : "the tables here are called \(tables.joined(separator: ", "))")
            }
        } else if let scope, let m = lookup.lazy.compactMap({ scope.merged[$0] }).first {
            return m
        }
        if let scope {
            var hits: [(TableSource, Int)] = []
            for c in candidates {
                let source = scope.sources[c]
                if let i = lookup.lazy.compactMap({ source.index(of: $0) }).first { hits.append((source, i)) }
            }
            if hits.count > 1 {
                throw SQLError(.invalidArgument, "Ambiguous reference to column name \"\(name.text)\"", at: name.range,
                               hint: "write " + hits.map { "\($0.0.displayName).\(name.text)" }.joined(separator: " or "))
            }
            if let (source, i) = hits.first {
                if source.isUsage { referencedColumns.insert(i) } else { relationColumns.insert(i) }
                let c = source.columns[i]
                return .column(source.offset + i, c.type, name: c.name)
            }
        }
        if qualifier == nil, let aliased = aliases[n], !expanding.contains(n) {
            expanding.insert(n)
            defer { expanding.remove(n) }
            return try bind(aliased, clause)
        }
        if outerSources.contains(where: { $0.index(of: n) != nil }) {
            if let ctx = queryBinder?.correlation { return try ctx.reference(qualifier, name) }
            throw correlated(name)
        }
        let known = candidates.flatMap { scope!.sources[$0].visibleColumns.map(\.column.name) }
        let suggestion = known.min { Levenshtein.distance($0, n) < Levenshtein.distance($1, n) }
            .flatMap { Levenshtein.distance($0, n) <= max(2, n.count / 3) ? $0 : nil }
        throw SQLError(.invalidArgument, "unknown column \(name.text)", at: name.range,
                       hint: hasTable ? "the columns are \(known.joined(separator: ", "))" + (suggestion.map { "; did you mean \($0)?" } ?? "")
                                      : "add FROM usage to read the table's columns")
    }

    /// The error for a subquery that reads a column of the query around it.
    func correlated(_ name: SQLIdentifier) -> SQLError {
        SQLError(.unsupported, "correlated subqueries (here reading \(name.text) of the outer query) are not supported by Tally's SQL yet",
                 at: name.range, hint: "compute the inner query per key in a WITH clause or a GROUP BY instead")
    }

    // MARK: - Literals

    func bindLiteral(_ lit: SyntaxLiteral, _ r: SourceRange) throws(SQLError) -> BoundExpression {
        switch lit {
        case .null: return .constant(.null, .null)
        case .boolean(let b): return .constant(.bool(b), .boolean)
        case .string(let s): return .constant(.string(s), .varchar)
        case .interval(let i): return .constant(.interval(i), .interval)
        case .number(let text): return try NumberLiteral.bind(text, at: r)
        case .typed(let type, let text):
            do {
                if type == .timestamptz { return .constant(try ZoneCasts.cast(.string(text), from: .varchar, to: type, zone: zone, r), type) }
                return .constant(try Cast.cast(.string(text), from: .varchar, to: type, r), type)
            } catch {
                throw SQLError(.invalidLiteral, "invalid \(type) literal '\(text)'", at: r,
                               hint: type == .timestamp || type == .timestamptz ? "write \(type == .timestamp ? "TIMESTAMP" : "TIMESTAMPTZ") 'YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM]]'" :
                                     (type == .date ? "write DATE 'YYYY-MM-DD'" : (type == .interval ? "write INTERVAL '30 days' or INTERVAL 2 HOUR" : nil)))
            }
        }
    }

    // MARK: - Casts and folding

    /// Evaluates a call of constants now (errors included, reported at `range`).
    func foldChecked(_ e: BoundExpression, _ range: SourceRange) throws(SQLError) -> BoundExpression {
        guard case .call(let f, let args) = e, args.allSatisfy({ $0.constantValue != nil }) else { return e }
        let v = try f.kernel(args.map { .constant($0.constantValue!, type: $0.type, count: 1) }, 1)
        return .constant(v.value(0), f.returnType)
    }

    /// Folds a call of constants that cannot fail.
    func fold(_ e: BoundExpression) -> BoundExpression {
        guard case .call(let f, let args) = e, args.allSatisfy({ $0.constantValue != nil }) else { return e }
        guard let v = try? f.kernel(args.map { .constant($0.constantValue!, type: $0.type, count: 1) }, 1) else { return e }
        return .constant(v.value(0), f.returnType)
    }

    /// `e` as `type` (CAST / TRY_CAST).
    func cast(_ e: BoundExpression, to type: LogicalType, isTry: Bool = false, at r: SourceRange) throws(SQLError) -> BoundExpression {
        if e.type == type { return e }
        if e.type == .null { return .constant(.null, type) }
        if e.type == .timestamptz || type == .timestamptz { return try zoneCast(e, to: type, isTry: isTry, at: r) }
        if let v = e.constantValue {
            return .constant(try Cast.scalar(v, from: e.type, to: type, isTry: isTry, at: r), type)
        }
        let name = (isTry ? "TRY_CAST" : "CAST")
        return .call(BoundFunction(name: "\(name)_\(type)", returnType: type, canFail: !isTry,
                                   kernel: Cast.kernel(from: e.type, to: type, isTry: isTry, at: r)), [e])
    }

    /// An implicit cast: constants of text adapt to any type, numbers widen.
    func coerce(_ e: BoundExpression, to type: LogicalType, at r: SourceRange) throws(SQLError) -> BoundExpression {
        if e.type == type || type == .null { return e }
        if e.type == .null { return .constant(.null, type) }
        if e.type == .varchar, e.constantValue != nil { return try cast(e, to: type, at: r) }
        if let common = TypePromotion.common(e.type, type), common == type { return try cast(e, to: type, at: r) }
        if type == .varchar { return try cast(e, to: .varchar, at: r) }
        throw SQLError(.invalidArgument, "expected a value of type \(type) but found \(e.type)", at: r, hint: "add an explicit CAST")
    }

    /// The type two operands are compared or combined in.
    func commonType(_ a: BoundExpression, _ b: BoundExpression, _ op: String, _ r: SourceRange) throws(SQLError) -> LogicalType {
        if a.type == .varchar, a.constantValue != nil, b.type != .varchar, b.type != .null { return b.type }
        if b.type == .varchar, b.constantValue != nil, a.type != .varchar, a.type != .null { return a.type }
        if let t = TypePromotion.common(a.type, b.type) { return t == .null ? .varchar : t }
        throw SQLError(.invalidArgument, "cannot compare or combine \(a.type) and \(b.type) with \(op)", at: r,
                       hint: "add an explicit CAST to one of them")
    }
}

/// Tests of NULL over vectors (fast on validity).
enum NullTests {
    static func kernel(negated: Bool) -> ScalarKernel {
        return { (a: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            let v = a[0]
            switch v.storage {
            case .constant(let c): return .constant(.bool(c.isNull != negated), type: .boolean, count: n)
            case .dictionary:
                return try RowKernel.apply(a, count: n, type: .boolean, strict: false) { x in .bool(x[0].isNull != negated) }
            default:
                guard let valid = v.validity else { return .constant(.bool(negated), type: .boolean, count: n) }
                return ColumnVector(type: .boolean, storage: .bool(valid.map { negated ? $0 : !$0 }), count: n)
            }
        }
    }
}

/// Edit distance, for "did you mean".
enum Levenshtein {
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        var row = Array(0...y.count)
        for i in 1...x.count {
            var prev = row[0]
            row[0] = i
            for j in stride(from: 1, through: y.count, by: 1) {
                let cur = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (x[i - 1] == y[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return row[y.count]
    }
}

/// Number literals typed as DuckDB types them: INTEGER, BIGINT or HUGEINT by size, DECIMAL
/// for a point, DOUBLE for an exponent or more than 38 digits.
enum NumberLiteral {
    static func bind(_ text: String, at r: SourceRange) throws(SQLError) -> BoundExpression {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        if body.contains("e") || body.contains("E") {
            guard let d = Double(text) else { throw SQLError(.invalidNumber, "invalid number \(text)", at: r) }
            return .constant(.double(d), .double)
        }
        if !body.contains(".") {
            if let v = Int128(text) {
                if Int32(exactly: v) != nil { return .constant(.int(v), .integer) }
                if Int64(exactly: v) != nil { return .constant(.int(v), .bigint) }
                return .constant(.int(v), .hugeint)
            }
            guard let d = Double(text) else { throw SQLError(.invalidNumber, "invalid number \(text)", at: r) }
            return .constant(.double(d), .double)
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0].drop { $0 == "0" }, frac = parts.count > 1 ? parts[1] : ""
        let scale = frac.count
        let width = max(whole.count, 1) + scale
        guard width <= 38, let v = Int128(String(whole) + String(frac)) ?? (whole.isEmpty && frac.isEmpty ? 0 : nil) else {
            guard let d = Double(text) else { throw SQLError(.invalidNumber, "invalid number \(text)", at: r) }
            return .constant(.double(d), .double)
        }
        return .constant(.int(negative ? 0 - v : v), .decimal(width: width, scale: scale))
    }
}

/// What the binder knows after GROUP BY.
final class GroupingContext {
    /// Canonical text of each key, by key index.
    var keys: [String]
    var keyTypes: [LogicalType]
    var aggregates: [BoundAggregate] = []
    var aggregateKeys: [String] = []
    /// Whether grouping sets are in use (the grouping id follows the aggregates).
    var hasGroupingSets: Bool

    init(keys: [BoundExpression], hasGroupingSets: Bool) {
        self.keys = keys.map(\.identity)
        keyTypes = keys.map(\.type)
        self.hasGroupingSets = hasGroupingSets
    }

    /// The first key that binds to the same expression (as DuckDB matches select items and
    /// grouping() arguments, even where GROUP BY wrote one column two ways).
    func keyIndex(_ canonical: String) -> Int? { keys.firstIndex(of: canonical) }

    /// The first aggregate's output column: after the keys and the grouping id.
    var aggregateBase: Int { keys.count + (hasGroupingSets ? 1 : 0) }

    /// The output column of an aggregate (added if new).
    func aggregateColumn(_ a: BoundAggregate, canonical: String) -> Int {
        if let i = aggregateKeys.firstIndex(of: canonical) { return aggregateBase + i }
        aggregates.append(a)
        aggregateKeys.append(canonical)
        return aggregateBase + aggregates.count - 1
    }
}

/// Syntax-level questions.
enum SyntaxInspector {
    /// Whether a window call (`... OVER (...)`) occurs.
    static func containsWindow(_ e: SyntaxExpression) -> Bool {
        if case .call(let c) = e, c.over != nil { return true }
        return e.children.contains(where: containsWindow)
    }

    /// Whether a column (or a name that may be one) occurs.
    static func referencesColumn(_ e: SyntaxExpression) -> Bool {
        if case .column = e { return true }
        if case .star = e { return true }
        return e.children.contains(where: referencesColumn)
    }

    /// Whether an aggregate call occurs (window calls aside).
    static func containsAggregate(_ e: SyntaxExpression) -> Bool {
        if case .call(let c) = e, c.over == nil, AggregateCatalog.isAggregate(c.name) { return true }
        if case .call(let c) = e, c.name == "grouping" || c.name == "grouping_id" { return true }
        return e.children.contains(where: containsAggregate)
    }
}
