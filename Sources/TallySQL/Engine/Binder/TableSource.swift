/// A column a FROM source offers to names.
struct SourceColumn: Sendable {
    /// Its name (as the source's query wrote it).
    var name: String
    /// Its type.
    var type: LogicalType
    /// Queryable by name but not part of `*` (usage's request_id and cost_source).
    var hidden = false
}

/// A relation FROM reads, as the binder resolves names against it: the usage table, a
/// common table expression, a derived table or a set operation.
struct TableSource {
    /// The names that qualify its columns (`t.col`): its alias, or else its own name.
    var qualifiers: Set<String>
    /// How errors name it.
    var displayName: String
    /// Its columns, in order.
    var columns: [SourceColumn]
    /// Whether it is the usage table, whose column indexes are schema indexes (the scan
    /// decodes and prunes by them).
    var isUsage: Bool
    /// The input chunk's column of the source's first column.
    var offset = 0

    /// The usage table, optionally aliased.
    static func usage(alias: String?) -> TableSource {
        TableSource(qualifiers: [alias ?? UsageTable.name], displayName: alias ?? UsageTable.name,
                    columns: UsageTable.columns.map { SourceColumn(name: $0.name, type: $0.type, hidden: $0.hidden) },
                    isUsage: true)
    }

    /// A relation's columns under `qualifier` (nil: a derived table without an alias,
    /// which DuckDB calls unnamed_subquery).
    static func relation(qualifier: String?, names: [String], types: [LogicalType]) -> TableSource {
        let q = qualifier ?? "unnamed_subquery"
        return TableSource(qualifiers: [q], displayName: q,
                           columns: zip(names, types).map { SourceColumn(name: $0, type: $1) }, isUsage: false)
    }

    /// The index of the column called `name` (already lower-cased), if any.
    func index(of name: String) -> Int? {
        if isUsage { return UsageTable.index(of: name) }
        return columns.firstIndex { $0.name.lowercased() == name }
    }

    /// The columns `*` expands to.
    var visibleColumns: [(index: Int, column: SourceColumn)] {
        columns.enumerated().filter { !$0.element.hidden }.map { (index: $0.offset, column: $0.element) }
    }
}

/// Column names of a relation as DuckDB gives them: aliases replace the first names, and a
/// repeated name gets `_1`, `_2`, ... (`SELECT 1 AS a, 2 AS a` reads as a, a_1).
enum RelationNames {
    static func make(_ names: [String], aliases: [SQLIdentifier], relation: String, at range: SourceRange) throws(SQLError) -> [String] {
        guard aliases.count <= names.count else {
            throw SQLError(.invalidArgument, "table \"\(relation)\" has \(names.count) columns available but \(aliases.count) columns specified",
                           at: aliases[names.count].range, hint: "name at most \(names.count) columns")
        }
        var out = names
        for (i, a) in aliases.enumerated() { out[i] = a.isQuoted ? a.text : a.normalized }
        var seen = Set<String>()
        for i in out.indices {
            var candidate = out[i]
            var suffix = 0
            while seen.contains(candidate.lowercased()) {
                suffix += 1
                candidate = "\(out[i])_\(suffix)"
            }
            out[i] = candidate
            seen.insert(candidate.lowercased())
        }
        return out
    }
}

/// The names a FROM clause makes: its sources side by side in the input chunk (a join puts
/// the right side's columns after the left's), and the columns `USING` merged.
struct BindingScope {
    /// The sources, in FROM order.
    var sources: [TableSource]
    /// USING columns by name: an unqualified name reads this expression (the left column;
    /// the right one for RIGHT JOIN; coalesce of both for FULL JOIN).
    var merged: [String: BoundExpression] = [:]
    /// Columns `*` leaves out (the right copy of each USING column), as (source, column).
    var hiddenFromStar: Set<[Int]> = []

    /// One source.
    init(_ source: TableSource) { sources = [source] }

    init(sources: [TableSource], merged: [String: BoundExpression], hiddenFromStar: Set<[Int]>) {
        self.sources = sources
        self.merged = merged
        self.hiddenFromStar = hiddenFromStar
    }

    /// Columns in the input chunk.
    var width: Int { sources.last.map { $0.offset + $0.columns.count } ?? 0 }

    /// Whether any source has a column called `name` (lower-cased).
    func hasColumn(_ name: String) -> Bool {
        merged[name] != nil || sources.contains { $0.index(of: name) != nil }
    }

    /// Whether a usage table is among the sources (its scan decodes the referenced columns).
    var readsUsage: Bool { sources.contains(where: \.isUsage) }
}
