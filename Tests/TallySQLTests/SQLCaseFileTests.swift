import Foundation
import Testing
import TallySQL
import TallyTestSupport

/// Runs every `Cases/<name>.sql` and compares with `Cases/<name>.expected`: the normalised
/// statement, or the rendered error (message, query line, caret, hint). Adding a case is adding
/// two files; run with `TALLY_SQL_RECORD=1` to write a missing `.expected` from the current output
/// (then read it before committing).
@Suite struct SQLCaseFileTests {
    static let directory = SQLCaseFiles.parserCases

    static var caseNames: [String] { SQLCaseFiles.names(in: directory) }

    static func output(for sql: String) -> String {
        do {
            return try SQLParser.parse(sql).description
        } catch {
            return error.rendered(query: sql)
        }
    }

    @Test func thereAreCases() {
        #expect(Self.caseNames.count >= 20)
    }

    @Test(arguments: caseNames)
    func caseFile(_ name: String) throws {
        let sql = try SQLCaseFiles.sql(name, in: Self.directory)
        let actual = Self.output(for: sql)
        let expectedURL = SQLCaseFiles.expected(name, "expected", in: Self.directory)
        guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
            if ProcessInfo.processInfo.environment["TALLY_SQL_RECORD"] == "1" {
                try (actual + "\n").write(to: expectedURL, atomically: true, encoding: .utf8)
            }
            Issue.record("missing \(name).expected; the output is:\n\(actual)")
            return
        }
        #expect(actual == expected.trimmingCharacters(in: .newlines), "\(name)")
    }
}
