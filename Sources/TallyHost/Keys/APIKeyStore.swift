#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import TallySystem
import TallyFormat

/// Project API keys of a store, kept hashed in `<store>/keys.json`.
///
/// A key reads `tly_<id>_<secret>`: `tly_` marks it as a Tally key (secret scanners can
/// look for it), `<id>` (12 hex digits) names it in lists and revocations, and
/// `<secret>` is 43 base62 characters (256 random bits). Only the SHA-256 of the whole
/// key is stored. The file is replaced atomically under byte 2 of the folder's `LOCK`, so the CLI
/// can add or revoke keys while a server is running; the server sees the change at its
/// next authentication (it re-reads the file when its size, time or inode changed).
package final class APIKeyStore: Sendable {
    /// The keys file's name inside the store folder.
    package static let fileName = "keys.json"
    /// The prefix of every key.
    package static let prefix = "tly_"

    /// The keys file.
    package let path: String
    let fs: FileSystem
    private let cache = Mutex<Cache>(Cache())

    struct Cache {
        /// The signature of the file `byId` was read from (nil: there was none).
        var stamp: FileSignature?
        var loaded = false
        var byId: [String: APIKeyInfo] = [:]
    }

    struct File: Codable {
        var version = 1
        var keys: [APIKeyInfo] = []
    }

    /// The keys of the store in folder `storePath` (the file is created with the first key).
    package init(storePath: String, fileSystem: FileSystem = FileSystem()) {
        self.path = storePath + "/" + APIKeyStore.fileName
        self.fs = fileSystem
    }

    // MARK: Changing

    /// Creates a key for `project` and returns it: the only time its plaintext is seen.
    package func create(project: String, now: Int64 = APIKeyStore.nowMillis()) throws -> CreatedAPIKey {
        guard !project.isEmpty else { throw APIKeyError.emptyProject }
        var rng = SystemRandomNumberGenerator()
        return try update { file in
            var id: String
            repeat {
                id = Hex.lowercase((0..<6).map { _ in UInt8.random(in: 0...255, using: &rng) })
            } while file.keys.contains { $0.id == id }
            let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
            var secret = [UInt8]()
            while secret.count < 43 {
                // 248 = 4 x 62: rejecting bytes above it keeps every character equally likely.
                let b = UInt8.random(in: 0...255, using: &rng)
                if b < 248 { secret.append(alphabet[Int(b % 62)]) }
            }
            let key = APIKeyStore.prefix + id + "_" + String(decoding: secret, as: UTF8.self)
            let info = APIKeyInfo(id: id, projectId: project, sha256: APIKeyDigest.hex(of: key), createdAt: now)
            file.keys.append(info)
            return CreatedAPIKey(info: info, key: key)
        }
    }

    /// Revokes a key given by its id or as the whole key; returns what was revoked.
    /// Revoking a revoked key changes nothing.
    @discardableResult
    package func revoke(_ keyOrId: String, now: Int64 = APIKeyStore.nowMillis()) throws -> APIKeyInfo {
        let id = APIKeyStore.parse(keyOrId)?.id ?? keyOrId
        return try update { file in
            guard let i = file.keys.firstIndex(where: { $0.id == id }) else { throw APIKeyError.unknownKey(keyOrId) }
            if file.keys[i].revokedAt == nil { file.keys[i].revokedAt = now }
            return file.keys[i]
        }
    }

    /// Every key ever created (revoked ones too), oldest first.
    package func list() throws -> [APIKeyInfo] {
        try read().keys
    }

    // MARK: Authenticating

    /// The project of a valid, unrevoked key; nil for anything else.
    package func authenticate(_ key: String) -> String? {
        guard let (id, _) = APIKeyStore.parse(key) else { return nil }
        let info: APIKeyInfo?
        do {
            info = try cache.withLock { c -> APIKeyInfo? in
                let stamp = fileStamp()
                if !c.loaded || stamp != c.stamp {
                    let file = try read()
                    c.byId = Dictionary(file.keys.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
                    c.stamp = stamp
                    c.loaded = true
                }
                return c.byId[id]
            }
        } catch {
            return nil
        }
        guard let info, info.isActive else { return nil }
        return APIKeyDigest.matches(key, stored: info.sha256) ? info.projectId : nil
    }

    /// The id and secret of a well-formed key.
    static func parse(_ key: String) -> (id: String, secret: Substring)? {
        guard key.hasPrefix(prefix) else { return nil }
        let rest = key.dropFirst(prefix.count)
        guard let sep = rest.firstIndex(of: "_") else { return nil }
        let id = rest[..<sep], secret = rest[rest.index(after: sep)...]
        guard id.count == 12, !secret.isEmpty else { return nil }
        return (String(id), secret)
    }

    /// Milliseconds since the epoch now.
    package static func nowMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    // MARK: The file

    private func fileStamp() -> FileSignature? {
        // A failed stat reads as "no file": the next authentication looks again.
        (try? fs.signature(of: path)) ?? nil
    }

    private func read() throws -> File {
        guard fs.exists(path) else { return File() }
        let bytes = try fs.readAll(path)
        do {
            return try JSONDecoder().decode(File.self, from: Data(bytes))
        } catch {
            throw APIKeyError.corrupt(path: path, reason: "\(error)")
        }
    }

    /// Read, change and atomically replace the file, holding the key byte of the folder's
    /// `LOCK` throughout so that two processes changing keys at once lose neither change.
    private func update<T>(_ change: (inout File) throws -> T) throws -> T {
        let lock = try FolderLock.acquire(.keys, in: fs.parentDirectory(of: path), fileSystem: fs, wait: true)
        defer { withExtendedLifetime(lock) {} }
        var file = try read()
        let result = try change(&file)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try fs.writeAtomically(Array(try encoder.encode(file)), to: path)
        return result
    }
}
