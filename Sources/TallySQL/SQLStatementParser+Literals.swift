import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing

/// Typed literals (DATE, TIMESTAMP), checked while parsing so errors point at the string.
extension SQLStatementParser {
    /// `YYYY-MM-DD` to a day number.
    static func dayNumber(_ text: String, at token: SQLToken) throws(SQLError) -> Int32 {
        guard let day = CivilDate.parseISODate(text) else {
            throw SQLError(
                .invalidLiteral, "invalid DATE literal \(token.text)", at: token.range,
                hint: "write DATE 'YYYY-MM-DD' with a real month and day"
            )
        }
        return day
    }


    /// `YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]][Z]` in UTC, to milliseconds since the epoch.
    static func timestampMilliseconds(_ text: String, at token: SQLToken) throws(SQLError) -> Int64 {
        let invalid = SQLError(
            .invalidLiteral, "invalid TIMESTAMP literal \(token.text)", at: token.range,
            hint: "write TIMESTAMP 'YYYY-MM-DD HH:MM:SS' (UTC), optionally with .fff milliseconds"
        )
        var u = Array(text.utf8)
        if u.last == UInt8(ascii: "Z") { u.removeLast() }
        guard u.count >= 10, let day = CivilDate.parseISODate(String(decoding: u[0..<10], as: UTF8.self)) else { throw invalid }
        var ms = Int64(day) * CivilDate.millisecondsPerDay
        if u.count == 10 { return ms }
        guard u[10] == UInt8(ascii: " ") || u[10] == UInt8(ascii: "T"), u.count >= 16, u[13] == UInt8(ascii: ":") else { throw invalid }
        func number(_ range: Range<Int>) -> Int64? {
            var v: Int64 = 0
            for b in u[range] {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                v = v * 10 + Int64(b - 0x30)
            }
            return v
        }
        guard let hour = number(11..<13), hour < 24, let minute = number(14..<16), minute < 60 else { throw invalid }
        ms += hour * 3_600_000 + minute * 60_000
        var i = 16
        if i < u.count {
            guard u[i] == UInt8(ascii: ":"), u.count >= 19, let second = number(17..<19), second < 60 else { throw invalid }
            ms += second * 1000
            i = 19
        }
        if i < u.count {
            guard u[i] == UInt8(ascii: "."), u.count > i + 1, u.count - i - 1 <= 9, let _ = number(i + 1..<u.count) else { throw invalid }
            let digits = Array(u[(i + 1)...])
            for (k, d) in digits.enumerated() {
                let v = Int64(d - 0x30)
                if k < 3 {
                    ms += v * [100, 10, 1][k]
                } else if v != 0 {
                    throw SQLError(
                        .invalidLiteral, "TIMESTAMP literals have millisecond precision", at: token.range,
                        hint: "give at most three fractional digits"
                    )
                }
            }
        }
        return ms
    }
}
