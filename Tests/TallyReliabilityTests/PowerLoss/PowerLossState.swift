import Tally

/// What a store holds, as a power-loss walk compares it: rows and exact cost per project
/// (scanned), plus what the scenario adds (batch identities, part counts, the rate card);
/// `nil` contents, with a mark saying why, when the manifest is damaged, there is no store
/// yet, or a part fails to decode.
struct PowerLossState: Equatable, CustomStringConvertible {
    var contents: StoreContents?
    var marks: [String] = []

    var description: String { (contents.map { "\($0)" } ?? "unreadable:") + (marks.isEmpty ? "" : " " + marks.joined(separator: ", ")) }
}
