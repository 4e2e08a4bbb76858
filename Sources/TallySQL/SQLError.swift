import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// Everything that can go wrong while reading a query: what, where, and what to do about it.
///
/// Every failure of ``SQLParser`` is one of these; the parser never traps on any input.
/// ``rendered(query:)`` shows the offending line with a caret under the token:
/// ```
/// Error: JOIN is not supported by Tally's SQL subset (line 1, column 28)
/// SELECT count(*) FROM usage JOIN x ON ...
///                            ^~~~
/// ```
public struct SQLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of an error, for callers that react to some of them (the REPL, tests).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A character that cannot start any token, such as `@` or a non-ASCII letter outside quotes.
        case unexpectedCharacter
        /// A string literal, quoted identifier or block comment that is never closed.
        case unterminated
        /// A malformed number, such as `1e5` or `12abc`.
        case invalidNumber
        /// A token that does not fit the grammar at that point.
        case syntax
        /// Valid SQL that Tally's subset does not implement (JOIN, subqueries, window functions, ...).
        case unsupported
        /// A DATE or TIMESTAMP literal that is not a valid date or time.
        case invalidLiteral
        /// A function argument of the wrong form or value (a date_trunc unit, a quantile fraction).
        case invalidArgument
        /// An aggregate function where none is allowed (WHERE, GROUP BY, inside another aggregate).
        case misplacedAggregate
        /// A GROUP BY or ORDER BY position, or a LIMIT/OFFSET, outside the allowed range.
        case outOfRange
        /// Parentheses, operators or NOTs nested deeper than the parser allows.
        case tooDeeplyNested
        /// No statement at all (only whitespace and comments).
        case emptyQuery
        /// More than one statement where exactly one is expected.
        case multipleStatements
        /// Exact integer or money arithmetic whose result leaves its type's range (BIGINT,
        /// HUGEINT, DECIMAL(38,9)): reported instead of a wrapped number.
        case overflow
    }

    /// The class of the error.
    public var kind: Kind
    /// What went wrong, as one sentence without the position.
    public var message: String
    /// What to do about it, if there is something better to say than the message.
    public var hint: String?
    /// The token or construct the error is about.
    public var range: SourceRange

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, at range: SourceRange, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.range = range
        self.hint = hint
    }

    /// The message followed by the position: `JOIN is not supported ... (line 1, column 21)`.
    public var description: String { "\(message) (\(range))" }
}
