import Foundation
import Testing
import TallyHost
import TallyTestSupport

/// The stored form of a key: the same SHA-256 hex digest as before swift-crypto, so that
/// every `keys.json` already on disk keeps authenticating.
@Suite struct APIKeyDigestTests {
    /// A key in the real format, and its digest from Python's hashlib.
    static let knownKey = "tly_00112233aabb_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v"
    static let knownDigest = "d2cbe9e10c348d6a4ef62d843ae283bb126519b45b9034ca8e814b5a2061ac3e"

    @Test func fipsVectors() {
        #expect(APIKeyDigest.hex(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(APIKeyDigest.hex(of: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(APIKeyDigest.hex(of: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(APIKeyDigest.hex(of: Self.knownKey) == Self.knownDigest)
    }

    @Test func matchesOnlyTheSameDigest() {
        #expect(APIKeyDigest.matches(Self.knownKey, stored: Self.knownDigest))
        #expect(!APIKeyDigest.matches(Self.knownKey + "x", stored: Self.knownDigest))
        #expect(!APIKeyDigest.matches(Self.knownKey, stored: String(Self.knownDigest.dropLast())))
        #expect(!APIKeyDigest.matches(Self.knownKey, stored: Self.knownDigest.uppercased()))
    }

    /// A `keys.json` as the hand-written SHA-256 wrote it still authenticates its key.
    @Test func aKeysFileWrittenBeforeTheSwitchStillAuthenticates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = """
            {"keys":[{"createdAt":1700000000000,"id":"00112233aabb","projectId":"p","sha256":"\(Self.knownDigest)"}],"version":1}
            """
        try Data(file.utf8).write(to: URL(fileURLWithPath: dir.path + "/" + APIKeyStore.fileName))
        let keys = APIKeyStore(storePath: dir.path)
        #expect(keys.authenticate(Self.knownKey) == "p")
        #expect(keys.authenticate(String(Self.knownKey.dropLast()) + "w") == nil)
    }
}
