import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Deriving the `service` column from what a runtime says about its provider.
enum StreamService {
    /// A provider name as a lower_snake service name (`amazon-bedrock` → `amazon_bedrock`);
    /// `nil` for an empty name.
    static func normalise(_ provider: String) -> String? {
        var out = ""
        var lastWasSeparator = false
        for ch in provider.lowercased().unicodeScalars {
            if (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9") {
                out.unicodeScalars.append(ch)
                lastWasSeparator = false
            } else if !out.isEmpty && !lastWasSeparator {
                out.append("_")
                lastWasSeparator = true
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        return out.isEmpty ? nil : out
    }

    /// The service of a model id: its provider prefix (`openai/gpt-5.1` → `openai`,
    /// `openrouter/anthropic/claude-…` → `openrouter`), else the vendor of a well-known
    /// model family; `nil` when neither applies (the caller must say).
    static func infer(fromModel model: String?) -> String? {
        guard let model, !model.isEmpty else { return nil }
        if let slash = model.firstIndex(of: "/") {
            return normalise(String(model[..<slash]))
        }
        let m = model.lowercased()
        if m.hasPrefix("claude") { return "anthropic" }
        if m.hasPrefix("gpt-") || m.hasPrefix("codex") || m.hasPrefix("o1") || m.hasPrefix("o3") || m.hasPrefix("o4") {
            return "openai"
        }
        if m.hasPrefix("gemini") { return "google" }
        return nil
    }
}
