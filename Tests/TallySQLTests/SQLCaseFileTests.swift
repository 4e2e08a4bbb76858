import Foundation
import Testing
import TallySQL

/// Runs every `Cases/<name>.sql` and compares with `Cases/<name>.expected`: the normalised
/// statement, or the rendered error (message, query line, caret, hint). Adding a case is adding
/// two files; run with `TALLY_SQL_RECORD=1` to write a missing `.expected` from the current output
/// (then read it before committing).
@Suite struct SQLCaseFileTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases")

    static var caseNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".sql") }.map { String($0.dropLast(4)) }.sorted()
    }

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
        let sql = try String(contentsOf: Self.directory.appendingPathComponent("\(name).sql"), encoding: .utf8)
        let actual = Self.output(for: sql)
        let expectedURL = Self.directory.appendingPathComponent("\(name).expected")
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
