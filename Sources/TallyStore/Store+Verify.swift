import TallySystem
import TallyFormat
/// A damaged part found by `Store.verify()`.
package struct PartDamage: Sendable, CustomStringConvertible {
    /// The part's manifest entry.
    package var entry: PartEntry
    /// The part file's path.
    package var path: String
    /// What is wrong.
    package var problem: String

    package var description: String {
        let month = CivilDate.isoString(forDayNumber: entry.minDay).prefix(7)
        return "\(path) (project '\(entry.projectId)', partition \(month)): \(problem)"
    }
}

extension Store {
    /// Reads every live part in full and checks every checksum and structure.
    /// Returns the damaged parts (empty when the store is sound).
    package func verify() -> [PartDamage] {
        var damage = [PartDamage]()
        for handle in snapshot().parts {
            do {
                let reader = try handle.reader()
                try reader.verify()
            } catch {
                damage.append(PartDamage(entry: handle.entry, path: handle.path, problem: "\(error)"))
            }
        }
        return damage
    }

    /// Moves damaged parts into `quarantine/` (never deleting them) and publishes a
    /// manifest without them, so the rest of the store stays queryable. Returns what
    /// was moved.
    @discardableResult
    package func repair() throws -> [PartDamage] {
        try collectOrphans()
        let damage = verify()
        guard !damage.isEmpty else { return [] }
        let quarantine = path + "/quarantine"
        try fs.makeDirectories(quarantine)
        for d in damage where fs.exists(d.path) {
            let name = ProjectDirectoryName.escape(d.entry.projectId) + "-" + String(d.entry.id) + "." + PartFormat.fileExtension
            try fs.rename(d.path, quarantine + "/" + name)
        }
        try fs.fsyncDirectory(quarantine)
        try commit(adding: [], removing: Set(damage.map(\.entry.id)), identity: nil)
        return damage
    }
}
