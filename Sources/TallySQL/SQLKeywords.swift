import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// Words that cannot be an unquoted column name or implicit alias, because the grammar
/// (or a construct Tally rejects by name) gives them a meaning. Quoting lifts the restriction.
enum SQLKeywords {
    static let reserved: Set<String> = [
        "ALL", "AND", "ANTI", "ANY", "ARRAY", "AS", "ASC", "ASOF", "BETWEEN", "BY", "CASE", "CAST",
        "COLLATE", "CROSS", "DESC", "DISTINCT", "ELSE", "END", "ESCAPE", "EXCEPT", "EXISTS", "FALSE",
        "FETCH", "FILTER", "FROM", "FULL", "GLOB", "GROUP", "HAVING", "ILIKE", "IN", "INNER",
        "INTERSECT", "INTERVAL", "INTO", "IS", "JOIN", "LATERAL", "LEFT", "LIKE", "LIMIT", "NATURAL",
        "NOT", "NULL", "NULLS", "OFFSET", "ON", "OR", "ORDER", "OUTER", "OVER", "POSITIONAL",
        "QUALIFY", "RETURNING", "RIGHT", "SELECT", "SEMI", "SIMILAR", "SOME", "TABLESAMPLE", "THEN",
        "TRUE", "UNION", "USING", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH",
    ]

    /// Statement keywords that Tally recognises in order to say that it does not run them.
    static let otherStatements: [String: String] = [
        "INSERT": "INSERT statements", "UPDATE": "UPDATE statements", "DELETE": "DELETE statements",
        "CREATE": "CREATE statements", "DROP": "DROP statements", "ALTER": "ALTER statements",
        "COPY": "COPY statements", "ATTACH": "ATTACH statements", "DETACH": "DETACH statements",
        "PRAGMA": "PRAGMA statements", "SET": "SET statements", "RESET": "RESET statements",
        "EXPLAIN": "EXPLAIN", "DESCRIBE": "DESCRIBE", "SHOW": "SHOW", "SUMMARIZE": "SUMMARIZE",
        "VALUES": "VALUES lists", "TRUNCATE": "TRUNCATE statements", "MERGE": "MERGE statements",
        "BEGIN": "transactions", "COMMIT": "transactions", "ROLLBACK": "transactions",
        "CALL": "CALL statements", "EXPORT": "EXPORT statements", "IMPORT": "IMPORT statements",
        "INSTALL": "INSTALL statements", "LOAD": "LOAD statements", "USE": "USE statements",
        "PIVOT": "PIVOT statements", "UNPIVOT": "UNPIVOT statements", "FROM": "FROM-first queries",
        "TABLE": "TABLE statements", "VACUUM": "VACUUM statements", "ANALYZE": "ANALYZE statements",
        "CHECKPOINT": "CHECKPOINT statements", "GRANT": "GRANT statements", "REVOKE": "REVOKE statements",
    ]

    /// Functions DuckDB evaluates over windows; named so the error can say "window functions".
    static let windowFunctions: Set<String> = [
        "ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK", "CUME_DIST", "NTILE", "LAG", "LEAD",
        "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE",
    ]

    /// Whether `name` can be written without quotes and read back as the same identifier.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        guard name.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F })
        else { return false }
        return !reserved.contains(name.uppercased())
    }

    /// `text` between two `quote` characters, with each quote inside doubled.
    static func quoted(_ text: String, with quote: Character) -> String {
        var out = String(quote)
        for c in text {
            out.append(c)
            if c == quote { out.append(c) }
        }
        out.append(quote)
        return out
    }
}
