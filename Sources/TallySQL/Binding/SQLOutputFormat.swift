import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// How a result table is printed.
package enum SQLOutputFormat: String, Sendable, Hashable, CaseIterable {
    /// An aligned table for people: thousands separators, numbers right-aligned, money in cents.
    case table
    /// RFC 4180 CSV with a header; money exact with 9 decimals.
    case csv
    /// One JSON array of objects; money exact with 9 decimals.
    case json
    /// One JSON object per line.
    case jsonl
    /// A GitHub-flavoured Markdown table.
    case markdown
}
