/// SQL LIKE: `%` matches any run of characters, `_` exactly one, an escape character makes
/// the next one literal. Matching is by Unicode scalar, as DuckDB matches by character.
struct LikeMatcher: Sendable {
    enum Token: Sendable, Equatable {
        case literal(Unicode.Scalar)
        case one
        case any
    }
    let tokens: [Token]
    /// A pattern without `_` as the UTF-8 bytes of its literal runs between `%`s, and
    /// whether it is anchored at the start and at the end (no `%` there). Such a pattern
    /// matches on the text's bytes: a run of whole characters found in valid UTF-8 starts
    /// and ends on character boundaries, so bytes match where characters do, without a
    /// character array made per value (`user_id LIKE 'user-1%'` over a part's dictionary).
    let runs: [[UInt8]]?
    let anchoredStart: Bool
    let anchoredEnd: Bool

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
        anchoredStart = out.first != .any
        anchoredEnd = out.last != .any
        var runs: [[UInt8]]? = []
        var run: [UInt8] = []
        for t in out {
            switch t {
            case .literal(let c): run += Array(String(c).utf8)
            case .one: runs = nil
            case .any:
                if !run.isEmpty { runs?.append(run) }
                run = []
            }
        }
        if !run.isEmpty { runs?.append(run) }
        self.runs = runs
    }

    /// Whether `text` matches the pattern.
    func matches(_ text: String) -> Bool {
        if let runs, let matched = text.utf8.withContiguousStorageIfAvailable({ matchesBytes($0, runs) }) { return matched }
        return matchesScalars(text)
    }

    /// `matches` on UTF-8 bytes, for a pattern of literal runs and `%`s only: the anchored
    /// runs at the ends, then each run between at its leftmost place after the one before
    /// (leftmost is never worse for the runs after it).
    func matchesBytes(_ text: UnsafeBufferPointer<UInt8>, _ runs: [[UInt8]]) -> Bool {
        if runs.isEmpty { return !(anchoredStart && anchoredEnd) || text.isEmpty }
        if runs.count == 1 && anchoredStart && anchoredEnd { return text.elementsEqual(runs[0]) }
        var lo = 0, hi = text.count
        var first = 0, last = runs.count
        if anchoredStart {
            let r = runs[0]
            guard r.count <= hi, LikeMatcher.equal(text, at: 0, r) else { return false }
            lo = r.count
            first = 1
        }
        if anchoredEnd {
            let r = runs[runs.count - 1]
            guard r.count <= hi - lo, LikeMatcher.equal(text, at: hi - r.count, r) else { return false }
            hi -= r.count
            last -= 1
        }
        for k in first..<last {
            let r = runs[k]
            var at = lo
            while at + r.count <= hi, !LikeMatcher.equal(text, at: at, r) { at += 1 }
            guard at + r.count <= hi else { return false }
            lo = at + r.count
        }
        return true
    }

    /// Whether `text` holds the bytes of `run` from `at` (which the caller keeps in range).
    @inline(__always)
    static func equal(_ text: UnsafeBufferPointer<UInt8>, at: Int, _ run: [UInt8]) -> Bool {
        for j in 0..<run.count where text[at + j] != run[j] { return false }
        return true
    }

    /// `matches` by Unicode scalar, for patterns with `_` (one character, not one byte).
    func matchesScalars(_ text: String) -> Bool {
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
