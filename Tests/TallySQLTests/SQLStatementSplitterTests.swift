import Testing
import TallySQL

@Suite struct SQLStatementSplitterTests {
    static let cases: [(String, [String], String)] = [
        ("", [], ""),
        ("   \n", [], ""),
        ("SELECT 1", [], "SELECT 1"),
        ("  SELECT 1\n  FROM usage", [], "SELECT 1\n  FROM usage"),
        ("SELECT 1;", ["SELECT 1"], ""),
        ("SELECT 1;  \n", ["SELECT 1"], ""),
        ("SELECT 1; SELECT 2;", ["SELECT 1", "SELECT 2"], ""),
        ("SELECT 1; SELECT 2", ["SELECT 1"], "SELECT 2"),
        ("SELECT 1;;  ; SELECT 2;", ["SELECT 1", "SELECT 2"], ""),
        ("SELECT ';' ;", ["SELECT ';'"], ""),
        ("SELECT 'it''s; fine';", ["SELECT 'it''s; fine'"], ""),
        ("SELECT 'open; still open", [], "SELECT 'open; still open"),
        ("SELECT 'a'';'", [], "SELECT 'a'';'"),
        ("SELECT \"odd;name\" FROM usage;", ["SELECT \"odd;name\" FROM usage"], ""),
        ("SELECT 1 -- not the end; really\n;", ["SELECT 1 -- not the end; really"], ""),
        ("SELECT 1 /* ; */ ;", ["SELECT 1 /* ; */"], ""),
        ("SELECT 1; /* open ; comment", ["SELECT 1"], "/* open ; comment"),
        ("SELECT 1; -- trailing comment", ["SELECT 1"], ""),
        ("SELECT 1; /* closed */  ", ["SELECT 1"], ""),
        ("-- just a comment\n;", [], ""),
        ("SELECT a\nFROM usage\nWHERE b = 'x;\ny';\nSELECT", ["SELECT a\nFROM usage\nWHERE b = 'x;\ny'"], "SELECT"),
        ("SELECT 1 - -2; SELECT 3", ["SELECT 1 - -2"], "SELECT 3"),
        ("SELECT 1 -", [], "SELECT 1 -"),
    ]

    @Test(arguments: cases)
    func splits(text: String, complete: [String], remainder: String) {
        let result = SQLParser.splitStatements(text)
        #expect(result.complete == complete)
        #expect(result.remainder == remainder)
    }

    /// Feeding input line by line, as the REPL does, gives the same statements as feeding it at once.
    @Test func lineByLineMatchesAllAtOnce() {
        let script = """
            SELECT model_id, sum(cost_usd) -- cost; per model
            FROM usage
            WHERE service = 'a;b' /* ; */
            GROUP BY 1; SELECT count(*)
            FROM usage;
            SELECT 'multi
            line;' FROM usage;
            """
        var buffer = ""
        var statements: [String] = []
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            buffer += (buffer.isEmpty ? "" : "\n") + line
            let (complete, remainder) = SQLParser.splitStatements(buffer)
            statements += complete
            buffer = remainder
        }
        #expect(buffer.isEmpty)
        #expect(statements == SQLParser.splitStatements(script).complete)
        #expect(statements.count == 3)
        for statement in statements {
            #expect(parseError(statement) == nil, "\(statement)")
        }
    }
}
