import Foundation
import Testing
import TallyTestSupport

/// Drives the real `tally` binary: demo, info, verify, compact, repair, exit codes.
@Suite struct StoreCommandsTests {
    @Test func demoThenInfoVerifyAndCompact() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/demo"
        let demo = try TallyProcess.run(["demo", "--store", store, "--rows", "20000", "--seed", "3"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let info = try TallyProcess.run(["info", "--store", store, "--format", "json"])
        #expect(info.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as! [String: Any]
        #expect(json["rows"] as? Int == 20000)
        #expect((json["projects"] as? [Any])?.isEmpty == false)
        let table = try TallyProcess.run(["info", "--store", store])
        #expect(table.stdout.contains("20,000"))
        let verify = try TallyProcess.run(["verify", "--store", store])
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("ok:"))
        let compact = try TallyProcess.run(["compact", "--store", store])
        #expect(compact.status == 0)
    }

    @Test func exitCodesFollowTheContract() throws {
        #expect(try TallyProcess.run(["--help"]).status == 0)
        #expect(try TallyProcess.run(["info", "--help"]).status == 0)
        let usage = try TallyProcess.run(["info"])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--store"))
        #expect(try TallyProcess.run(["no-such-command"]).status == 2)
        let missing = try TallyProcess.run(["info", "--store", "/nonexistent/store"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("not a Tally store"))
    }

    @Test func damagedPartsAreListedByVerifyAndQuarantinedByRepair() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s"
        #expect(try TallyProcess.run(["demo", "--store", store, "--rows", "5000", "--seed", "1", "--projects", "3"]).status == 0)
        let parts = FileManager.default.enumerator(atPath: store + "/data")!.compactMap { $0 as? String }.filter { $0.hasSuffix(".tly") }.sorted()
        let victim = store + "/data/" + parts[0]
        var bytes = try Data(contentsOf: URL(fileURLWithPath: victim))
        bytes[bytes.count / 2] ^= 0x5A
        try bytes.write(to: URL(fileURLWithPath: victim))
        let verify = try TallyProcess.run(["verify", "--store", store])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains(victim))
        let repair = try TallyProcess.run(["repair", "--store", store])
        #expect(repair.status == 0)
        #expect(repair.stdout.contains("quarantined"))
        #expect(try TallyProcess.run(["verify", "--store", store]).status == 0)
        #expect(FileManager.default.fileExists(atPath: store + "/quarantine"))
    }

    @Test func aSecondWriterProcessGetsAClearError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s"
        #expect(try TallyProcess.run(["demo", "--store", store, "--rows", "100"]).status == 0)
        // Another process holds the store writer's byte of LOCK with a plain POSIX record
        // lock, which conflicts with Tally's open-file-description locks.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", "import fcntl, sys, time; f = open(sys.argv[1], 'r+'); fcntl.lockf(f, fcntl.LOCK_EX, 1, 0); time.sleep(30)", store + "/LOCK"]
        try holder.run()
        defer { holder.terminate() }
        var result = try TallyProcess.run(["compact", "--store", store])
        for _ in 0..<50 where result.status == 0 {
            Thread.sleep(forTimeInterval: 0.05)
            result = try TallyProcess.run(["compact", "--store", store])
        }
        #expect(result.status == 1)
        #expect(result.stderr.contains("locked for writing by another process"))
        // Readers are not refused.
        #expect(try TallyProcess.run(["info", "--store", store]).status == 0)
    }
}
