import Foundation
import Testing
import Tally
import TallyTestSupport

/// The SHA-256 against the FIPS 180-4 examples and against Python's hashlib.
@Suite struct SHA256Tests {
    @Test func fipsVectors() {
        #expect(SHA256.hexDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hexDigest("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
            == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(SHA256.hex(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func agreesWithPythonHashlib() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/env") else { return }
        var g = SeededGenerator(seed: 7)
        // Every length around the 55/56/64-byte padding boundaries, and some longer.
        let inputs: [[UInt8]] = (0..<140).map { n in (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) } }
            + [(0..<1000).map { _ in UInt8.random(in: 0...255, using: &g) }]
        let hexInputs = inputs.map { SHA256.hex($0) }.joined(separator: "\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys,hashlib\nfor l in sys.stdin.read().split('\\n'): print(hashlib.sha256(bytes.fromhex(l)).hexdigest())"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { return }  // no python3: the FIPS vectors still ran
        input.fileHandleForWriting.write(Data(hexInputs.utf8))
        try input.fileHandleForWriting.close()
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return }
        let expected = out.split(separator: "\n").map(String.init)
        #expect(expected == inputs.map { SHA256.hex(SHA256.hash($0)) })
    }

    @Test func constantTimeEqual() {
        #expect(SHA256.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!SHA256.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!SHA256.constantTimeEqual([1, 2], [1, 2, 3]))
    }
}
