import TallyTestSupport
import Testing
@testable import TallyIngest
import Tally

/// Random damage to valid files: the readers must answer with records or errors, never crash.
@Suite struct RecordReaderRobustnessTests {
    static let interesting: [UInt8] = Array(",\"\n\r{}:\\0-.e9 \u{0}".utf8) + [0xFF, 0xC3, 0xEF, 0xBB, 0xBF]

    static func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = bytes
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            guard !b.isEmpty else { break }
            let at = Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: b[at] = interesting.randomElement(using: &rng)!
            case 1: b.insert(interesting.randomElement(using: &rng)!, at: at)
            case 2: b.remove(at: at)
            default: b.removeSubrange(at...)
            }
        }
        return b
    }

    @Test func csvMutationsNeverCrash() throws {
        var rng = SplitMix64(seed: 21)
        var writer = CSVRecordWriter()
        for _ in 0..<20 { try writer.write(RecordSamples.record(&rng)) }
        let base = writer.takeBytes()
        for _ in 0..<1_000 {
            let bytes = Self.mutate(base, &rng)
            let options = RecordImportOptions(skipBadLines: Bool.random(using: &rng), blockSize: Int.random(in: 1...300, using: &rng))
            do throws(RecordImportError) {
                _ = try RecordSamples.readCSV(bytes, options: options)
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }

    @Test func jsonlMutationsNeverCrash() throws {
        var rng = SplitMix64(seed: 22)
        var writer = JSONLRecordWriter()
        for _ in 0..<20 { try writer.write(RecordSamples.record(&rng)) }
        let base = writer.takeBytes()
        for _ in 0..<1_000 {
            let bytes = Self.mutate(base, &rng)
            let options = RecordImportOptions(skipBadLines: Bool.random(using: &rng), blockSize: Int.random(in: 1...300, using: &rng))
            do throws(RecordImportError) {
                _ = try RecordSamples.readJSONL(bytes, options: options)
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }
}
