import Foundation
import Testing
import TallyFuzzTargets

/// The kept libFuzzer corpora and the inputs of fixed findings, replayed through the code
/// the fuzz targets run (`FuzzHarness`): what `Tools/fuzz.sh` found once stays found.
extension FuzzTests {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path

    /// Every file of `FuzzCorpus/<target>` (merged by `Tools/fuzz.sh <target> keep`) and
    /// `FuzzRegressions/<target>` (one input per bug the fuzzer found), sorted.
    static func keptInputs(_ target: FuzzTarget) -> [(name: String, bytes: [UInt8])] {
        ["FuzzCorpus", "FuzzRegressions"].flatMap { folder -> [(name: String, bytes: [UInt8])] in
            let dir = testsFolder + "/" + folder + "/" + target.rawValue
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
            return names.compactMap { name in
                (try? Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))).map { (folder + "/" + name, [UInt8]($0)) }
            }
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func keptFuzzInputsReplayClean(_ target: FuzzTarget) throws {
        let inputs = Self.keptInputs(target)
        #expect(!inputs.isEmpty, "no kept corpus for \(target.rawValue): run Tools/fuzz.sh \(target.rawValue) keep")
        let scratch = try ScratchDirectory(prefix: "tally-fuzz-replay-\(target.rawValue)")
        defer { scratch.remove() }
        let harness = FuzzHarness(target: target, scratchFolder: scratch.path)
        let clock = Stopwatch()
        for input in inputs {
            do {
                try harness.run(input.bytes)
            } catch {
                Issue.record("\(input.name): \(error)")
            }
        }
        ReliabilityBudget.report("fuzz corpus \(target.rawValue): \(inputs.count) inputs replayed in \(String(format: "%.1f", clock.seconds)) s")
    }
}
