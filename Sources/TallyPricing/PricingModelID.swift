import TallySystem
import TallyFormat
/// The model id a rate is looked up by, derived from the id a runtime reported.
///
/// Runtimes report the same priced model under several names: dated snapshots
/// (`claude-sonnet-4-5-20250929`, `gpt-4o-2024-08-06`, Vertex's `claude-sonnet-4-5@20250929`)
/// and router-qualified ids (`openai/gpt-5.4`, `anthropic/claude-sonnet-4-6`). Providers price
/// a snapshot as its base model, so pricing strips both; the stored `modelId` keeps the exact
/// text the runtime reported.
package enum PricingModelID {
    /// The id a rate row is matched against: provider prefix (up to the last `/`) and a
    /// trailing date (`-YYYYMMDD`, `-YYYY-MM-DD` or `@YYYYMMDD`) removed.
    package static func normalised(_ modelId: String) -> String {
        var utf8 = Array(modelId.utf8)
        if let slash = utf8.lastIndex(of: UInt8(ascii: "/")) {
            utf8.removeSubrange(...slash)
        }
        utf8.removeLast(dateSuffixLength(utf8))
        return String(decoding: utf8, as: UTF8.self)
    }

    /// The provider named by a router-qualified id (`anthropic` for
    /// `anthropic/claude-sonnet-4-6`), or `nil` when the id has no prefix.
    package static func provider(_ modelId: String) -> String? {
        let parts = modelId.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[parts.count - 2].isEmpty else { return nil }
        return String(parts[parts.count - 2])
    }

    /// The length of a trailing date suffix, including its separator, or 0.
    ///
    /// Only plausible dates (years 1900-2099, month 01-12, day 01-31) count, so a model or
    /// tier name that merely ends in eight digits keeps them.
    static func dateSuffixLength(_ u: [UInt8]) -> Int {
        func number(_ range: Range<Int>) -> Int? {
            var v = 0
            for i in range {
                guard u[i] >= UInt8(ascii: "0"), u[i] <= UInt8(ascii: "9") else { return nil }
                v = v * 10 + Int(u[i] - UInt8(ascii: "0"))
            }
            return v
        }
        func plausible(_ y: Int?, _ m: Int?, _ d: Int?) -> Bool {
            guard let y, let m, let d else { return false }
            return (1900...2099).contains(y) && (1...12).contains(m) && (1...31).contains(d)
        }
        let n = u.count
        let dash = UInt8(ascii: "-")
        // -YYYY-MM-DD: 11 bytes, and something must remain before it.
        if n > 11, u[n - 11] == dash, u[n - 6] == dash, u[n - 3] == dash,
           plausible(number(n - 10..<n - 6), number(n - 5..<n - 3), number(n - 2..<n)) {
            return 11
        }
        // -YYYYMMDD or @YYYYMMDD: 9 bytes.
        if n > 9, u[n - 9] == dash || u[n - 9] == UInt8(ascii: "@"),
           plausible(number(n - 8..<n - 4), number(n - 4..<n - 2), number(n - 2..<n)) {
            return 9
        }
        return 0
    }
}
