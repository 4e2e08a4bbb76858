import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
extension SQLStatement: CustomStringConvertible {
    /// The statement as normalised SQL on one line, clauses in canonical order; it parses back
    /// to the same statement. Used as the AST summary in tests and in logs.
    package var description: String {
        var out = "SELECT "
        for (i, item) in selectItems.enumerated() {
            if i > 0 { out += ", " }
            item.expression.write(to: &out)
            if let alias = item.alias { out += " AS \(alias)" }
        }
        out += " FROM \(from.name)"
        if let whereClause { out += " WHERE \(whereClause)" }
        if !groupBy.isEmpty {
            out += " GROUP BY " + groupBy.map(\.description).joined(separator: ", ")
        }
        if let having { out += " HAVING \(having)" }
        if !orderBy.isEmpty {
            out += " ORDER BY " + orderBy.map { item in
                var s = item.key.description
                if item.isDescending { s += " DESC" }
                if let first = item.nullsFirst { s += first ? " NULLS FIRST" : " NULLS LAST" }
                return s
            }.joined(separator: ", ")
        }
        if let limit { out += " LIMIT \(limit.value)" }
        if let offset { out += " OFFSET \(offset.value)" }
        return out
    }
}
