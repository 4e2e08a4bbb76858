import Crypto

/// How a key is kept in `keys.json`: the SHA-256 of its UTF-8, as 64 lowercase hex digits.
///
/// The digest comes from swift-crypto rather than a hand-written SHA-256: a vetted
/// implementation is one less piece of security code to maintain. The hex form is the
/// one the file has always held, so stores written before the switch still authenticate.
package enum APIKeyDigest {
    /// The stored form of `key`'s digest.
    package static func hex(of key: String) -> String {
        Hex.lowercase(SHA256.hash(data: Array(key.utf8)))
    }

    /// Whether `key` hashes to `stored`, comparing in time that depends only on the
    /// lengths (a comparison that stops at the first difference leaks how much of a guess
    /// was right).
    package static func matches(_ key: String, stored: String) -> Bool {
        let expected = Array(stored.utf8), actual = Array(hex(of: key).utf8)
        guard expected.count == actual.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<expected.count { diff |= expected[i] ^ actual[i] }
        return diff == 0
    }
}
