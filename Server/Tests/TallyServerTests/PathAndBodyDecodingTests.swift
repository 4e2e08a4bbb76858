import Foundation
import Testing
import Tally
@testable import TallyServer

/// Path parameters are percent-decoded once (issue #19: `café team` was unreachable) and
/// an activity count of 2^63-1 is a whole number.
@Suite(.serialized) struct PathAndBodyDecodingTests {
    static let awkward = ["café team", "a/b", "100%", "c++", "x+y z%2F"]

    /// Every byte but letters and digits encoded, as a careful client does.
    static func encoded(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }

    @Test func percentEncodedProjectAndRunIdsReachTheirProject() async throws {
        let (dir, server) = try TallyServerTests.start()
        defer { dir.remove() }
        for project in Self.awkward {
            let key = try server.createKey(project: project)
            let path = "/v1/projects/\(Self.encoded(project))"
            let run = "run \(project)"
            let posted = try await server.request("POST", path + "/usage", key: key, body: TallyServerTests.record("input_tokens", 5, run: run))
            #expect(posted.status == 201, "\(project): \(posted.text)")
            let summary = try await server.request("GET", path + "/usage/summary", key: key)
            #expect(summary.status == 200, "\(project): \(summary.text)")
            let detail = try await server.request("GET", path + "/runs/\(Self.encoded(run))", key: key)
            #expect(detail.status == 200, "\(project): \(detail.text)")
        }
        // A malformed escape cannot be sent from here (URL re-encodes `%zz` as `%25zz`):
        // PercentDecodingTests covers the refusal.
        #expect(server.terminate().status == 0)
    }

    static func events(_ json: String) throws -> [ActivityEvent] {
        try ActivityBody.events(Array(json.utf8), project: "p", now: 0)
    }

    @Test func theLargestCountIsAWholeNumber() throws {
        let e = try Self.events(#"{"kind":"iterations","count":9223372036854775807}"#)
        #expect(e.first?.kind == ActivityKind(name: "iterations", count: Int64.max))
        #expect(try Self.events(#"{"kind":"iterations","count":0}"#).first?.kind == ActivityKind(name: "iterations", count: 0))
        for bad in ["9223372036854775808", "-1", "2.5", "1e30"] {
            do {
                _ = try Self.events(#"{"kind":"iterations","count":"# + bad + "}")
                Issue.record("count \(bad) was accepted")
            } catch let e as APIError {
                #expect(e.message.contains("must be a whole number from 0 to 9223372036854775807"), "\(e.message)")
            }
        }
    }
}

/// The strict decoder behind path parameters.
@Suite struct PercentDecodingTests {
    @Test func decodesEachEscapeOnceAndRefusesMalformedOnes() {
        #expect(PercentDecoding.decode("caf%C3%A9%20team") == "café team")
        #expect(PercentDecoding.decode("a%2Fb") == "a/b")
        #expect(PercentDecoding.decode("100%2525") == "100%25")
        #expect(PercentDecoding.decode("c++") == "c++")
        #expect(PercentDecoding.decode("plain") == "plain")
        for bad in ["p%zz", "p%", "p%4", "%C3"] { #expect(PercentDecoding.decode(bad) == nil, "\(bad)") }
    }
}
