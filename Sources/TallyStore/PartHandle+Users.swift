import TallySystem
import TallyFormat
extension PartHandle {
    /// Whether the part may hold rows of `userId`: its `user_id` dictionary (read once
    /// and cached, never the rows) names the user. A part that does not is skipped by
    /// deletions and user exports.
    package func mayHoldRows(ofUser userId: String) throws -> Bool {
        try reader().dictionary(.userId).contains(userId)
    }
}
