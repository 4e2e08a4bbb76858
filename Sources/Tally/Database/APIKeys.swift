/// A database's API keys: `tly_<id>_<secret>` bearer keys, each for one project, of
/// which only SHA-256 hashes are stored. Changes work while another process writes the
/// database (they lock their own byte of the folder's lock file).
public struct APIKeys: Sendable {
    let store: APIKeyStore

    /// Creates a key for `project`; the secret is in the result, and only there.
    public func create(project: String) throws -> CreatedAPIKey {
        try store.create(project: project)
    }

    /// Revokes a key (by its id or the whole key); it stops authenticating at once.
    @discardableResult
    public func revoke(_ keyOrId: String) throws -> APIKeyInfo {
        try store.revoke(keyOrId)
    }

    /// Every key, revoked ones too, without secrets.
    public func list() throws -> [APIKeyInfo] {
        try store.list()
    }

    /// The project of a valid, unrevoked key, or nil.
    public func authenticate(_ key: String) -> String? {
        store.authenticate(key)
    }
}

extension Database {
    /// The database's API keys.
    public var keys: APIKeys { APIKeys(store: keyStore) }
}
