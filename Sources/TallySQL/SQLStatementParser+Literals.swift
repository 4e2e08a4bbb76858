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


    /// `YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]][Z]` in UTC, to milliseconds since the epoch
    /// (read by the engine's `TemporalText`; `ts` has millisecond precision here).
    static func timestampMilliseconds(_ text: String, at token: SQLToken) throws(SQLError) -> Int64 {
        guard let us = TemporalText.parseTimestamp(text) else {
            throw SQLError(
                .invalidLiteral, "invalid TIMESTAMP literal \(token.text)", at: token.range,
                hint: "write TIMESTAMP 'YYYY-MM-DD HH:MM:SS' (UTC), optionally with .fff milliseconds"
            )
        }
        guard us % 1000 == 0 else {
            throw SQLError(
                .invalidLiteral, "TIMESTAMP literals have millisecond precision", at: token.range,
                hint: "give at most three fractional digits"
            )
        }
        return us / 1000
    }
}
