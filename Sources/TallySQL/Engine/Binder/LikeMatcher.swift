/// SQL LIKE: `%` matches any run of characters, `_` exactly one, an escape character makes
/// the next one literal. Matching is by Unicode scalar, as DuckDB matches by character.
struct LikeMatcher: Sendable {
    enum Token: Sendable, Equatable {
        case literal(Unicode.Scalar)
        case one
        case any
    }
    let tokens: [Token]

    init(_ pattern: String, escape: Unicode.Scalar?, caseInsensitive: Bool) {
        var out: [Token] = []
        var escaped = false
        for s in (caseInsensitive ? pattern.lowercased() : pattern).unicodeScalars {
            if escaped { out.append(.literal(s)); escaped = false; continue }
            if let escape, s == escape { escaped = true; continue }
            switch s {
            case "%": if out.last != .any { out.append(.any) }
            case "_": out.append(.one)
            default: out.append(.literal(s))
            }
        }
        tokens = out
    }

    func matches(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        var si = 0, ti = 0
        var starT = -1, starS = 0
        while si < s.count {
            if ti < tokens.count {
                switch tokens[ti] {
                case .literal(let c) where c == s[si]: si += 1; ti += 1; continue
                case .one: si += 1; ti += 1; continue
                case .any: starT = ti; starS = si; ti += 1; continue
                default: break
                }
            }
            if starT >= 0 {
                ti = starT + 1
                starS += 1
                si = starS
                continue
            }
            return false
        }
        while ti < tokens.count, tokens[ti] == .any { ti += 1 }
        return ti == tokens.count
    }
}
