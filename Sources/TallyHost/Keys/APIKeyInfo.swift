import TallySystem
import TallyFormat
/// What is stored about one project API key: never the key itself, only its SHA-256.
public struct APIKeyInfo: Sendable, Hashable, Codable {
    /// The key's public id (also inside the key: `tly_<id>_<secret>`), safe to show and log.
    public var id: String
    /// The one project the key may read and write.
    public var projectId: String
    /// SHA-256 of the whole key, lowercase hex.
    public var sha256: String
    /// When it was created, ms since the epoch.
    public var createdAt: Int64
    /// When it was revoked, ms since the epoch; nil while it is valid.
    public var revokedAt: Int64?

    /// Creates a record.
    public init(id: String, projectId: String, sha256: String, createdAt: Int64, revokedAt: Int64? = nil) {
        self.id = id
        self.projectId = projectId
        self.sha256 = sha256
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// Whether the key is still accepted.
    public var isActive: Bool { revokedAt == nil }
}

/// A key just created: the plaintext `key` exists only here, to be shown once.
public struct CreatedAPIKey: Sendable, Hashable {
    /// What was stored.
    public var info: APIKeyInfo
    /// The secret key, `tly_<id>_<secret>`.
    public var key: String
}
