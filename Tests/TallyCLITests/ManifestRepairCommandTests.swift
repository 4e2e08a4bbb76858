import Foundation
import Testing
import TallyTestSupport

/// Issue #19: one flipped byte in MANIFEST made every command fail, `tally repair`
/// included. Now the commands say the manifest is damaged and to run `tally repair`,
/// which rebuilds it (from its copy, else from the part files) with every row.
@Suite struct ManifestRepairCommandTests {
    static let sql = "SELECT project_id, count(*) AS n, sum(cost_usd) AS c FROM usage GROUP BY project_id ORDER BY project_id"

    @Test func repairRebuildsADamagedManifestFromItsCopyOrFromThePartFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/demo"
        try #require(try TallyProcess.run(["demo", "--store", store, "--rows", "20000", "--seed", "5"]).status == 0)
        let before = try TallyProcess.run(["query", "--store", store, "--format", "csv", Self.sql])
        try #require(before.status == 0)
        let manifest = URL(fileURLWithPath: store + "/MANIFEST")

        // One flipped byte: the copy is intact, nothing is lost.
        var bytes = [UInt8](try Data(contentsOf: manifest))
        bytes[bytes.count / 3] ^= 0x01
        try Data(bytes).write(to: manifest)
        let refused = try TallyProcess.run(["query", "--store", store, Self.sql])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("MANIFEST") && refused.stderr.contains("damaged") && refused.stderr.contains("tally repair"), "\(refused.stderr)")
        let repaired = try TallyProcess.run(["repair", "--store", store])
        #expect(repaired.status == 0, "\(repaired.stderr)")
        #expect(repaired.stdout.contains("rebuilt from MANIFEST.copy"), "\(repaired.stdout)")
        #expect(try TallyProcess.run(["query", "--store", store, "--format", "csv", Self.sql]).stdout == before.stdout)

        // Both gone: rebuilt from the part footers; what only the manifest knew is reported.
        try FileManager.default.removeItem(at: manifest)
        try FileManager.default.removeItem(atPath: store + "/MANIFEST.copy")
        let rebuilt = try TallyProcess.run(["repair", "--store", store])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("rebuilt from the part files") && rebuilt.stdout.contains("lost:"), "\(rebuilt.stdout)")
        #expect(try TallyProcess.run(["query", "--store", store, "--format", "csv", Self.sql]).stdout == before.stdout)
        #expect(try TallyProcess.run(["verify", "--store", store]).status == 0)
        let again = try TallyProcess.run(["repair", "--store", store])
        #expect(again.stdout.contains("ok: nothing to repair"))
    }
}
