import Foundation

/// Text functions, with DuckDB's names and 1-based, character-counting positions.
enum StringFunctions {
    static let names = [
        "lower", "lcase", "upper", "ucase", "length", "len", "char_length", "character_length", "strlen", "substring", "substr",
        "concat", "concat_ws", "replace", "trim", "ltrim", "rtrim", "starts_with", "prefix", "ends_with", "suffix",
        "contains", "split_part", "regexp_matches", "regexp_full_match", "regexp_extract", "regexp_replace", "left", "right", "lpad", "rpad",
        "strpos", "instr", "position", "reverse", "repeat", "ascii", "chr", "like_escape", "md5",
    ]

    static func text(_ v: ScalarValue) -> String {
        if case .string(let s) = v { return s }
        return ""
    }

    static func int(_ v: ScalarValue) -> Int {
        if case .int(let x) = v { return Int(clamping: x) }
        return 0
    }

    static func resolve(_ name: String, _ args: [FunctionArgument], at range: SourceRange) throws(SQLError) -> ResolvedFunction? {
        func strings(_ n: ClosedRange<Int>, returning type: LogicalType, canFail: Bool = false,
                     _ body: @escaping @Sendable ([ScalarValue]) throws(SQLError) -> ScalarValue) throws(SQLError) -> ResolvedFunction {
            try FunctionCatalog.arity(name, args, n, range)
            return ResolvedFunction(argumentTypes: args.map { _ in .varchar }, returnType: type, kernel: RowKernel.make(type, body), canFail: canFail)
        }
        switch name {
        case "lower", "lcase":
            return try strings(1...1, returning: .varchar) { v in .string(text(v[0]).lowercased()) }
        case "upper", "ucase":
            return try strings(1...1, returning: .varchar) { v in .string(text(v[0]).uppercased()) }
        case "length", "len", "char_length", "character_length":
            return try strings(1...1, returning: .bigint) { v in .int(Int128(text(v[0]).unicodeScalars.count)) }
        case "strlen":
            return try strings(1...1, returning: .bigint) { v in .int(Int128(text(v[0]).utf8.count)) }
        case "reverse":
            return try strings(1...1, returning: .varchar) { v in .string(String(String.UnicodeScalarView(text(v[0]).unicodeScalars.reversed()))) }
        case "ascii":
            return try strings(1...1, returning: .integer) { v in .int(Int128(text(v[0]).unicodeScalars.first?.value ?? 0)) }
        case "md5":
            return nil
        case "chr":
            try FunctionCatalog.arity(name, args, 1...1, range)
            return ResolvedFunction(argumentTypes: [.integer], returnType: .varchar, kernel: RowKernel.make(.varchar) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                guard let s = UnicodeScalar(UInt32(clamping: int(v[0]))) else {
                    throw SQLError(.invalidArgument, "chr(\(int(v[0]))) is not a valid code point", at: range)
                }
                return .string(String(Character(s)))
            }, canFail: true)
        case "substring", "substr":
            try FunctionCatalog.arity(name, args, 2...3, range)
            let types: [LogicalType?] = [.varchar, .bigint] + (args.count == 3 ? [.bigint] : [])
            return ResolvedFunction(argumentTypes: types, returnType: .varchar, kernel: RowKernel.make(.varchar) { v in
                let scalars = Array(text(v[0]).unicodeScalars)
                let start = int(v[1])
                // DuckDB: positions are 1-based; 0 or negative starts count from the end for
                // negative values; a length cuts from the start position.
                var from: Int
                if start > 0 { from = start - 1 } else if start < 0 { from = scalars.count + start } else { from = 0 }
                var to = scalars.count
                if v.count == 3 {
                    let len = int(v[2])
                    if start == 0 { to = max(0, len - 1) } else { to = from + len }
                    if len < 0 { return .string("") }
                }
                from = max(0, min(from, scalars.count))
                to = max(from, min(to, scalars.count))
                var out = String.UnicodeScalarView()
                out.append(contentsOf: scalars[from..<to])
                return .string(String(out))
            })
        case "left", "right":
            try FunctionCatalog.arity(name, args, 2...2, range)
            let isLeft = name == "left"
            return ResolvedFunction(argumentTypes: [.varchar, .bigint], returnType: .varchar, kernel: RowKernel.make(.varchar) { v in
                let scalars = Array(text(v[0]).unicodeScalars)
                var n = int(v[1])
                if n < 0 { n = max(0, scalars.count + n) }
                n = min(n, scalars.count)
                var out = String.UnicodeScalarView()
                out.append(contentsOf: isLeft ? scalars[0..<n] : scalars[(scalars.count - n)...])
                return .string(String(out))
            })
        case "concat":
            return ResolvedFunction(argumentTypes: args.map { _ in .varchar }, returnType: .varchar, kernel: RowKernel.make(.varchar, strict: false) { v in
                .string(v.map { $0.isNull ? "" : text($0) }.joined())
            })
        case "concat_ws":
            guard args.count >= 1 else { throw SQLError(.invalidArgument, "concat_ws() needs a separator", at: range) }
            return ResolvedFunction(argumentTypes: args.map { _ in .varchar }, returnType: .varchar, kernel: RowKernel.make(.varchar, strict: false) { v in
                if v[0].isNull { return .null }
                return .string(v.dropFirst().filter { !$0.isNull }.map(text).joined(separator: text(v[0])))
            })
        case "replace":
            return try strings(3...3, returning: .varchar) { v in
                let needle = text(v[1])
                if needle.isEmpty { return v[0] }
                return .string(text(v[0]).replacingOccurrences(of: needle, with: text(v[2]), options: .literal))
            }
        case "trim", "ltrim", "rtrim":
            return try strings(1...2, returning: .varchar) { v in
                let chars = Set((v.count > 1 ? text(v[1]) : " ").unicodeScalars)
                var s = Substring.UnicodeScalarView(text(v[0]).unicodeScalars)
                if name != "rtrim" { while let f = s.first, chars.contains(f) { s.removeFirst() } }
                if name != "ltrim" { while let l = s.last, chars.contains(l) { s.removeLast() } }
                return .string(String(String.UnicodeScalarView(s)))
            }
        case "starts_with", "prefix":
            return try strings(2...2, returning: .boolean) { v in .bool(Array(text(v[0]).utf8).starts(with: text(v[1]).utf8)) }
        case "ends_with", "suffix":
            return try strings(2...2, returning: .boolean) { v in
                let a = Array(text(v[0]).utf8), b = Array(text(v[1]).utf8)
                return .bool(a.count >= b.count && Array(a[(a.count - b.count)...]) == b)
            }
        case "contains":
            return try strings(2...2, returning: .boolean) { v in
                let needle = text(v[1])
                return .bool(needle.isEmpty || text(v[0]).range(of: needle, options: .literal) != nil)
            }
        case "strpos", "instr", "position":
            return try strings(2...2, returning: .bigint) { v in
                let hay = Array(text(v[0]).unicodeScalars), needle = Array(text(v[1]).unicodeScalars)
                if needle.isEmpty { return .int(1) }
                if needle.count > hay.count { return .int(0) }
                for i in 0...(hay.count - needle.count) where Array(hay[i..<(i + needle.count)]) == needle { return .int(Int128(i + 1)) }
                return .int(0)
            }
        case "split_part":
            try FunctionCatalog.arity(name, args, 3...3, range)
            return ResolvedFunction(argumentTypes: [.varchar, .varchar, .bigint], returnType: .varchar, kernel: RowKernel.make(.varchar) { v in
                let s = text(v[0]), sep = text(v[1])
                let parts: [String] = sep.isEmpty ? s.unicodeScalars.map { String($0) } : s.components(separatedBy: sep)
                var i = int(v[2])
                if i < 0 { i = parts.count + i + 1 }
                guard i >= 1, i <= parts.count else { return .string("") }
                return .string(parts[i - 1])
            })
        case "repeat":
            try FunctionCatalog.arity(name, args, 2...2, range)
            return ResolvedFunction(argumentTypes: [.varchar, .bigint], returnType: .varchar, kernel: RowKernel.make(.varchar) { v in
                .string(String(repeating: text(v[0]), count: max(0, min(int(v[1]), 1_000_000))))
            })
        case "lpad", "rpad":
            try FunctionCatalog.arity(name, args, 3...3, range)
            let isLeft = name == "lpad"
            return ResolvedFunction(argumentTypes: [.varchar, .bigint, .varchar], returnType: .varchar, kernel: RowKernel.make(.varchar) { v in
                let s = Array(text(v[0]).unicodeScalars), pad = Array(text(v[2]).unicodeScalars)
                let n = max(0, int(v[1]))
                if s.count >= n { return .string(String(String.UnicodeScalarView(s[0..<n]))) }
                if pad.isEmpty { return .string(String(String.UnicodeScalarView(s))) }
                var fill: [Unicode.Scalar] = []
                while fill.count < n - s.count { fill.append(pad[fill.count % pad.count]) }
                return .string(String(String.UnicodeScalarView(isLeft ? fill + s : s + fill)))
            })
        case "regexp_matches", "regexp_full_match":
            try FunctionCatalog.arity(name, args, 2...3, range)
            let full = name == "regexp_full_match"
            let cache = RegexCache()
            return ResolvedFunction(argumentTypes: args.map { _ in .varchar }, returnType: .boolean, kernel: RowKernel.make(.boolean) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                let re = try cache.regex(text(v[1]), options: v.count > 2 ? text(v[2]) : "", at: range)
                let s = text(v[0])
                let ns = s as NSString
                guard let m = re.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)) else { return .bool(false) }
                return .bool(!full || (m.range.location == 0 && m.range.length == ns.length))
            }, canFail: true)
        case "regexp_extract":
            try FunctionCatalog.arity(name, args, 2...3, range)
            let cache = RegexCache()
            let types: [LogicalType?] = [.varchar, .varchar] + (args.count == 3 ? [.bigint] : [])
            return ResolvedFunction(argumentTypes: types, returnType: .varchar, kernel: RowKernel.make(.varchar) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                let re = try cache.regex(text(v[1]), options: "", at: range)
                let s = text(v[0])
                let group = v.count > 2 ? int(v[2]) : 0
                guard let m = re.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) else { return .string("") }
                guard group >= 0, group < m.numberOfRanges else {
                    throw SQLError(.invalidArgument, "regexp_extract group \(group) is not in the pattern", at: range)
                }
                let r = m.range(at: group)
                if r.location == NSNotFound { return .string("") }
                return .string((s as NSString).substring(with: r))
            }, canFail: true)
        case "regexp_replace":
            try FunctionCatalog.arity(name, args, 3...4, range)
            let cache = RegexCache()
            return ResolvedFunction(argumentTypes: args.map { _ in .varchar }, returnType: .varchar, kernel: RowKernel.make(.varchar) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                let options = v.count > 3 ? text(v[3]) : ""
                let re = try cache.regex(text(v[1]), options: options, at: range)
                let s = text(v[0])
                // RE2's \1 back references are $1 in ICU templates.
                var template = text(v[2]).replacingOccurrences(of: "$", with: "\\$")
                for d in 0...9 { template = template.replacingOccurrences(of: "\\\(d)", with: "$\(d)") }
                let whole = NSRange(location: 0, length: (s as NSString).length)
                if options.contains("g") {
                    return .string(re.stringByReplacingMatches(in: s, range: whole, withTemplate: template))
                }
                guard let m = re.firstMatch(in: s, range: whole) else { return .string(s) }
                let replaced = re.replacementString(for: m, in: s, offset: 0, template: template)
                return .string((s as NSString).replacingCharacters(in: m.range, with: replaced))
            }, canFail: true)
        default:
            return nil
        }
    }
}

/// Compiled patterns, so a constant pattern is compiled once per query.
final class RegexCache: @unchecked Sendable {
    private var cache: [String: NSRegularExpression] = [:]
    private let lock = NSLock()

    func regex(_ pattern: String, options: String, at range: SourceRange) throws(SQLError) -> NSRegularExpression {
        let key = options + "\u{0}" + pattern
        lock.lock()
        defer { lock.unlock() }
        if let r = cache[key] { return r }
        var o: NSRegularExpression.Options = []
        if options.contains("i") { o.insert(.caseInsensitive) }
        if options.contains("s") { o.insert(.dotMatchesLineSeparators) }
        do {
            let r = try NSRegularExpression(pattern: pattern, options: o)
            cache[key] = r
            return r
        } catch {
            throw SQLError(.invalidArgument, "invalid regular expression '\(pattern)'", at: range)
        }
    }
}
