/// The model id a rate is looked up by, derived from the id a runtime reported.
///
/// Runtimes report the same priced model under several names: dated snapshots
/// (`claude-sonnet-4-5-20250929`, `gpt-4o-2024-08-06`, Vertex's `claude-sonnet-4-5@20250929`)
/// and router-qualified ids (`openai/gpt-5.4`, `anthropic/claude-sonnet-4-6`). Providers price
/// a snapshot as its base model, so pricing strips both; the stored `modelId` keeps the exact
/// text the runtime reported.
public enum PricingModelID {
    /// The id a rate row is matched against: provider prefix (up to the last `/`) and a
    /// trailing date (`-YYYYMMDD`, `-YYYY-MM-DD` or `@YYYYMMDD`) removed.
    public static func normalised(_ modelId: String) -> String {
        var utf8 = Array(modelId.utf8)
        if let slash = utf8.lastIndex(of: UInt8(ascii: "/")) {
            utf8.removeSubrange(...slash)
        }
        utf8.removeLast(dateSuffixLength(utf8))
        return String(decoding: utf8, as: UTF8.self)
    }

    /// The provider named by a router-qualified id (`anthropic` for
    /// `anthropic/claude-sonnet-4-6`), or `nil` when the id has no prefix.
    public static func provider(_ modelId: String) -> String? {
        let parts = modelId.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[parts.count - 2].isEmpty else { return nil }
        return String(parts[parts.count - 2])
    }

    /// The length of a trailing date suffix, including its separator, or 0.
    static func dateSuffixLength(_ u: [UInt8]) -> Int {
        func isDigits(_ range: Range<Int>) -> Bool {
            range.allSatisfy { u[$0] >= UInt8(ascii: "0") && u[$0] <= UInt8(ascii: "9") }
        }
        let n = u.count
        let dash = UInt8(ascii: "-")
        // -YYYY-MM-DD: 11 bytes, and something must remain before it.
        if n > 11, u[n - 11] == dash, u[n - 6] == dash, u[n - 3] == dash,
           isDigits(n - 10..<n - 6), isDigits(n - 5..<n - 3), isDigits(n - 2..<n) {
            return 11
        }
        // -YYYYMMDD or @YYYYMMDD: 9 bytes.
        if n > 9, u[n - 9] == dash || u[n - 9] == UInt8(ascii: "@"), isDigits(n - 8..<n),
           u[n - 8] == UInt8(ascii: "1") || u[n - 8] == UInt8(ascii: "2") {
            return 9
        }
        return 0
    }
}
