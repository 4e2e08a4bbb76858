import Foundation
import Testing
import Tally
import TallyHost
import TallyTestSupport

/// API keys: scoped, hashed, revocable, and seen by a second instance (a running server).
@Suite struct APIKeyStoreTests {
    @Test func keysAuthenticateOnlyTheirProjectAndAreStoredHashed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let keys = APIKeyStore(storePath: dir.path)
        let a = try keys.create(project: "a")
        let b = try keys.create(project: "b")
        #expect(a.key.hasPrefix("tly_") && a.key.count == 4 + 12 + 1 + 43)
        #expect(a.key != b.key)
        #expect(keys.authenticate(a.key) == "a")
        #expect(keys.authenticate(b.key) == "b")
        for bad in ["", "tly_", a.key + "x", String(a.key.dropLast()), "tly_\(a.info.id)_" + String(b.key.suffix(43)), b.key.replacingOccurrences(of: b.info.id, with: a.info.id)] {
            #expect(keys.authenticate(bad) == nil)
        }
        let file = try String(contentsOfFile: dir.path + "/keys.json", encoding: .utf8)
        #expect(!file.contains(a.key) && !file.contains(String(a.key.suffix(43))))
        #expect(file.contains(APIKeyDigest.hex(of: a.key)))
    }

    @Test func revocationAndNewKeysReachAnotherInstance() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let server = APIKeyStore(storePath: dir.path)
        let cli = APIKeyStore(storePath: dir.path)
        #expect(server.authenticate("tly_000000000000_x") == nil)
        let a = try cli.create(project: "a")
        #expect(server.authenticate(a.key) == "a")
        try cli.revoke(a.info.id)
        #expect(server.authenticate(a.key) == nil)
        let b = try cli.create(project: "b")
        try cli.revoke(b.key)
        #expect(server.authenticate(b.key) == nil)
        #expect(try cli.list().map(\.isActive) == [false, false])
        #expect(throws: APIKeyError.unknownKey("nope")) { try cli.revoke("nope") }
        #expect(throws: APIKeyError.emptyProject) { try cli.create(project: "") }
    }

    @Test func concurrentCreatesLoseNothing() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let created = try await withThrowingTaskGroup(of: CreatedAPIKey.self) { group in
            for i in 0..<20 { group.addTask { try APIKeyStore(storePath: dir.path).create(project: "p\(i % 3)") } }
            return try await group.reduce(into: [CreatedAPIKey]()) { $0.append($1) }
        }
        let keys = APIKeyStore(storePath: dir.path)
        #expect(try keys.list().count == 20)
        for c in created { #expect(keys.authenticate(c.key) == c.info.projectId) }
    }
}
