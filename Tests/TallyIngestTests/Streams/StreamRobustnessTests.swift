import TallyTestSupport
import Testing
@testable import TallyIngest
import Tally

/// Properties every parser must keep on damaged input: no trap, sane records, problems
/// that point at real lines.
@Suite struct StreamRobustnessTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let interesting: [UInt8] = Array("{}[]\",:0123456789-.eE\\ntu\n\r \u{7F}".utf8) + [0x00, 0xC3, 0xFF, 0xE2, 0x80]

    static func mutate(_ input: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            guard !bytes.isEmpty else { bytes.append(Self.interesting.randomElement(using: &rng)!); continue }
            let i = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes[i] = Self.interesting.randomElement(using: &rng)!
            case 2: bytes.remove(at: i)
            case 3: bytes.insert(Self.interesting.randomElement(using: &rng)!, at: i)
            case 4: bytes.removeSubrange(i..<min(bytes.count, i + Int.random(in: 1...64, using: &rng)))
            default:
                let j = Int.random(in: 0..<bytes.count, using: &rng)
                let chunk = bytes[min(i, j)..<max(i, j)].prefix(200)
                bytes.insert(contentsOf: chunk, at: i)
            }
        }
        return bytes
    }

    static func checkInvariants(_ r: StreamParseResult) {
        for rec in r.records {
            #expect(rec.quantity > 0 && rec.quantity.isFinite)
            #expect(rec.costNanos == nil)
            #expect(rec.unit.hasSuffix("_tokens"))
        }
        for p in r.problems {
            #expect(p.line >= 1 && p.line <= r.linesRead)
            #expect(!p.description.isEmpty)
        }
    }

    @Test(arguments: StreamFormat.allCases)
    func randomMutationsNeverCrash(source: StreamFormat) throws {
        let original = try StreamFixtures.bytes(for: source)
        var rng = SplitMix64(state: 0x7A11_0000 &+ UInt64(source.rawValue.utf8.count))
        for _ in 0..<150 {
            let mutated = Self.mutate(original, using: &rng)
            _ = StreamParser.detect(mutated)
            // Every parser on every mutation, also on formats it was not written for.
            for format in StreamFormat.allCases {
                Self.checkInvariants(StreamParser.parse(mutated, format: format, attribution: StreamFixtures.attribution()))
            }
        }
    }

    @Test func hostileLinesAreProblemsNotCrashes() {
        let deep = String(repeating: "[", count: 100_000)
        let cases = [
            deep, "{" + String(repeating: "\"a\":{", count: 5000), "\u{0}\u{1}\u{2}", "\"\\ud800\"", "{\"a\":\"\\u12\"}",
            "{\"type\":\"assistant\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":1e999999999999}}}",
            "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":-5,\"output_tokens\":99999999999999999999999}}",
            "{\"type\":\"step_finish\",\"part\":{\"cost\":-1e-30,\"tokens\":[]}}", "[1,2,3]", "nul", "\r\n\r\n",
        ]
        for text in cases {
            for format in StreamFormat.allCases {
                let r = StreamFixtures.parse(text: text + "\n" + text, format: format)
                Self.checkInvariants(r)
            }
        }
        let r = StreamFixtures.parse(text: deep + "\n", format: .claudeSession)
        #expect(r.problems.count == 1 && r.problems.first?.severity == .error)
    }

    /// Cutting a fixture anywhere inside a line (a crash mid-append) yields exactly one
    /// truncation warning for that line and never a number from it.
    @Test(arguments: StreamFormat.allCases)
    func cutAnywhereIsOneTruncationWarning(format: StreamFormat) throws {
        var bytes = try StreamFixtures.bytes(for: format)
        // Start from the intact part (the Claude session fixture is already cut).
        if bytes.last != 0x0A, let lastNewline = bytes.lastIndex(of: 0x0A) { bytes = Array(bytes[...lastNewline]) }
        let attribution = StreamFixtures.attribution(defaultModel: "openai/gpt-5.1")
        let full = StreamParser.parse(bytes, format: format, attribution: attribution)
        var cut = 1
        while cut < bytes.count {
            defer { cut += 13 }
            guard bytes[cut - 1] != 0x0A, bytes[cut] != 0x0A else { continue }
            let prefix = Array(bytes[..<cut])
            let r = StreamParser.parse(prefix, format: format, attribution: attribution)
            let line = prefix.filter { $0 == 0x0A }.count + 1
            #expect(r.problems.count == 1, "cut at \(cut)")
            #expect(r.problems.first?.line == line)
            if case .truncatedLastLine = r.problems.first?.kind {} else { Issue.record("cut at \(cut): \(r.problems)") }
            for unit in ["input_tokens", "cache_read_tokens", "cache_creation_5m_tokens"] {
                // Codex totals are cumulative deltas, so a prefix can only have less of each class.
                #expect(r.total(unit) <= full.total(unit), "cut at \(cut), \(unit)")
            }
        }
    }

    @Test func crlfLineEndingsAndBOMAreAccepted() throws {
        let lf = try StreamFixtures.bytes(for: .piSession)
        var crlf: [UInt8] = [0xEF, 0xBB, 0xBF]
        for b in lf { if b == 0x0A { crlf.append(0x0D) }; crlf.append(b) }
        let a = StreamParser.parse(lf, format: .piSession, attribution: StreamFixtures.attribution())
        let b = StreamParser.parse(crlf, format: .piSession, attribution: StreamFixtures.attribution())
        #expect(b.problems.isEmpty)
        #expect(a.records == b.records)
        #expect(StreamParser.detect(crlf) == .piSession)
    }
}

/// Properties of deduplication and forward compatibility, checked on every fixture.
@Suite struct StreamIdempotenceTests {
    static let units = ["input_tokens", "cache_creation_5m_tokens", "cache_creation_1h_tokens",
                        "cache_read_tokens", "output_tokens", "reasoning_tokens"]

    /// The fixture's complete lines (the Claude session fixture ends with a cut-off line).
    static func completeLines(_ format: StreamFormat) throws -> [String] {
        let text = String(decoding: try StreamFixtures.bytes(for: format), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()  // the part after the last newline: empty or truncated
        return lines
    }

    static func summary(_ lines: [String], _ format: StreamFormat) -> [Int64] {
        let r = StreamFixtures.parse(text: lines.joined(separator: "\n") + "\n", format: format,
                                     attribution: StreamFixtures.attribution(defaultModel: "openai/gpt-5.1"))
        #expect(r.problems.isEmpty, "\(r.problems)")
        return units.map { r.total($0) } + [r.reportedCostNanos.map { Int64($0) } ?? -1]
    }

    /// Re-appending any complete line (the at-least-once writes every runtime shows) never
    /// changes totals or the reported cost.
    @Test(arguments: StreamFormat.allCases)
    func duplicatingAnyLineChangesNothing(format: StreamFormat) throws {
        let lines = try Self.completeLines(format)
        let expected = Self.summary(lines, format)
        for i in lines.indices {
            var copy = lines
            copy.insert(lines[i], at: i + 1)
            #expect(Self.summary(copy, format) == expected, "duplicated line \(i + 1)")
        }
    }

    /// Lines of a type no parser knows, even with usage-like fields, are ignored silently.
    @Test(arguments: StreamFormat.allCases)
    func unknownLineTypesAreIgnored(format: StreamFormat) throws {
        let lines = try Self.completeLines(format)
        let expected = Self.summary(lines, format)
        let unknown = #"{"type":"brand_new_event","usage":{"input_tokens":5,"output_tokens":7},"tokens":{"input":5},"x":[1,{"y":null}]}"#
        for i in stride(from: 0, through: lines.count, by: 3) {
            var copy = lines
            copy.insert(unknown, at: i)
            #expect(Self.summary(copy, format) == expected, "unknown line at \(i + 1)")
        }
    }
}
