import TallySystem
import TallyFormat
/// Whether a rate row is one of Tally's reference defaults or the user's own.
///
/// "Sync missing" refreshes rows that still hold an older default and must never overwrite a
/// price a user set, so every row records which of the two it is.
public enum RateOrigin: Sendable, Hashable {
    /// A reference row as shipped in defaults version `version`.
    case `default`(version: Int)
    /// A row the user added or changed; sync leaves it alone.
    case custom
}
