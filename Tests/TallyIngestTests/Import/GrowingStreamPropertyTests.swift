import Foundation
import Testing
import TallyTestSupport
@testable import TallyIngest
import Tally

/// The class of test that would have found the double count of issue #19: every fixture
/// stream, imported as random prefixes (cut anywhere, inside a line or not) and whole, in
/// random order and with repeats, stores exactly what one import of the whole file does:
/// the same tokens per unit and the same cost per service, to the nano-dollar.
@Suite struct GrowingStreamPropertyTests {
    /// SplitMix64: a fixed seed makes a failure reproducible from its printed case.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let fixtures: [(String, ImportFormat)] = [
        ("claude-stream-json.jsonl", .claudeStreamJSON), ("claude-session.jsonl", .claudeSession),
        ("codex-exec.jsonl", .codexExec), ("opencode-run.jsonl", .opencodeRun), ("pi-session.jsonl", .piSession),
    ]

    /// Imports `sizes` (byte counts of prefixes; `bytes.count` = the whole file) one after
    /// another through the same growing file; returns the store's totals.
    static func totals(importing sizes: [Int], of bytes: [UInt8], format: ImportFormat, dir: String) throws -> [String: Int128] {
        let store = try Store.openPriced(at: dir + "/s")
        defer { try? store.close() }
        let importer = Importer(store: store)
        var options = RequestIdempotencyTests.streamOptions()
        options.format = format
        let path = dir + "/stream.jsonl"
        for size in sizes {
            try Data(bytes[0..<size]).write(to: URL(fileURLWithPath: path))
            _ = try importer.importFile(path, options: options)
        }
        return try RequestIdempotencyTests.totals(store)
    }

    @Test(arguments: fixtures.map(\.0))
    func randomPrefixesThenWholeInAnyOrderStoreWhatOneImportDoes(file: String) throws {
        let format = Self.fixtures.first { $0.0 == file }!.1
        let bytes = try StreamFixtures.bytes(file)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let expected = try Self.totals(importing: [bytes.count], of: bytes, format: format, dir: dir.path + "/once")
        #expect(!expected.isEmpty)
        var random = Random(state: 0x19_1D_E3 ^ UInt64(file.utf8.count))
        for trial in 0..<25 {
            // One to four prefixes, the whole file somewhere among them, sometimes twice,
            // and sometimes a prefix again after the whole.
            var sizes = (0..<(1 + random.below(4))).map { _ in 1 + random.below(bytes.count) }
            sizes.insert(bytes.count, at: random.below(sizes.count + 1))
            if random.below(3) == 0 { sizes.append(sizes[random.below(sizes.count)]) }
            if random.below(4) == 0 { sizes.append(bytes.count) }
            let got = try Self.totals(importing: sizes, of: bytes, format: format, dir: dir.path + "/t\(trial)")
            #expect(got == expected, "\(file), imports of \(sizes) bytes (whole: \(bytes.count))")
        }
    }
}
