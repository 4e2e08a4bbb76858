import Foundation
import Testing
import Tally
@testable import TallyServer

/// A client retrying a POST (after a timeout it cannot tell from a failure) stores its
/// records once: by the batch's `Idempotency-Key`, and by each record's `request_id`.
@Suite(.serialized) struct IdempotentIngestTests {
    static func count(_ server: ServerProcess) throws -> Int64? {
        let stored = try Database(path: server.store, configuration: { var c = Database.Configuration(); c.readOnly = true; return c }())
        return try stored.query("SELECT count(*) AS n, sum(quantity) AS q FROM usage")[0]["n"]?.int64
    }

    @Test func aRetryWithTheSameIdempotencyKeyStoresOnce() async throws {
        let (dir, server) = try TallyServerTests.start()
        defer { dir.remove() }
        let key = try server.createKey(project: "a")
        let other = try server.createKey(project: "b")
        let batch = "[" + [TallyServerTests.record("input_tokens", 10), TallyServerTests.record("output_tokens", 20)].joined(separator: ",") + "]"
        let headers = ["Idempotency-Key": "7f1c2a9e-retry-1"]
        let first = try await server.request("POST", "/v1/projects/a/usage", key: key, body: batch, headers: headers)
        #expect(first.status == 201, "\(first.text)")
        #expect(first.json["accepted"] as? Int == 2)
        let retry = try await server.request("POST", "/v1/projects/a/usage", key: key, body: batch, headers: headers)
        #expect(retry.status == 200, "\(retry.text)")
        #expect(retry.json["duplicate_batch"] as? Bool == true)
        #expect(retry.json["accepted"] as? Int == 0)
        // The key is the project's own: another project may use the same one.
        let elsewhere = try await server.request("POST", "/v1/projects/b/usage", key: other, body: batch, headers: headers)
        #expect(elsewhere.status == 201)
        // Another key is another batch.
        let next = try await server.request("POST", "/v1/projects/a/usage", key: key, body: batch, headers: ["Idempotency-Key": "7f1c2a9e-retry-2"])
        #expect(next.status == 201)
        let bad = try await server.request("POST", "/v1/projects/a/usage", key: key, body: batch, headers: ["Idempotency-Key": String(repeating: "k", count: 300)])
        #expect(bad.status == 400 && bad.errorField == "Idempotency-Key")
        #expect(server.terminate().status == 0)
        #expect(try Self.count(server) == 6)
    }

    /// Concurrent copies of one batch (a retry while the first is still in flight) store it once.
    @Test func concurrentCopiesOfAKeyedBatchStoreOnce() async throws {
        let (dir, server) = try TallyServerTests.start()
        defer { dir.remove() }
        let key = try server.createKey(project: "a")
        let batch = "[" + (0..<50).map { TallyServerTests.record("input_tokens", Double($0 + 1), run: "r\($0)") }.joined(separator: ",") + "]"
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<6 {
                group.addTask { try await server.request("POST", "/v1/projects/a/usage", key: key, body: batch, headers: ["Idempotency-Key": "same"]).status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 201 }.count == 1)
        #expect(statuses.filter { $0 == 200 }.count == 5)
        #expect(server.terminate().status == 0)
        #expect(try Self.count(server) == 50)
    }

    /// Without a key, records that carry their runtime's `request_id` are not stored twice.
    @Test func recordsWithARequestIdAreStoredOnceWithoutAKey() async throws {
        let (dir, server) = try TallyServerTests.start()
        defer { dir.remove() }
        let key = try server.createKey(project: "a")
        let batch = "[" + [
            TallyServerTests.record("input_tokens", 10, extra: ",\"request_id\":\"msg_1\""),
            TallyServerTests.record("output_tokens", 20, extra: ",\"request_id\":\"msg_1\""),
        ].joined(separator: ",") + "]"
        #expect(try await server.request("POST", "/v1/projects/a/usage", key: key, body: batch).status == 201)
        let again = try await server.request("POST", "/v1/projects/a/usage", key: key, body: batch)
        #expect(again.status == 201)
        #expect(again.json["already_stored"] as? Int == 2)
        #expect(server.terminate().status == 0)
        #expect(try Self.count(server) == 2)
    }
}
