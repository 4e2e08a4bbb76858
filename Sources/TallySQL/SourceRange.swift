import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// Where a piece of a query sits in its source text.
///
/// `offset` and `length` count UTF-8 bytes, so a range can slice `query.utf8` directly;
/// `line` and `column` are 1-based and count Unicode scalars, so they match what a user
/// sees in a terminal for anything but combining and double-width characters.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// The UTF-8 byte offset of the first byte.
    public var offset: Int
    /// The number of UTF-8 bytes covered; 0 for a position between tokens (such as the end).
    public var length: Int
    /// The 1-based line of the first byte.
    public var line: Int
    /// The 1-based column (in Unicode scalars) of the first byte on its line.
    public var column: Int

    /// Creates a range from its parts.
    public init(offset: Int, length: Int, line: Int, column: Int) {
        self.offset = offset
        self.length = length
        self.line = line
        self.column = column
    }

    /// The UTF-8 byte offset just past the last byte.
    public var end: Int { offset + length }

    /// The range from the start of `self` to the end of `other` (which must not start before `self`).
    public func through(_ other: SourceRange) -> SourceRange {
        SourceRange(offset: offset, length: max(length, other.end - offset), line: line, column: column)
    }

    /// `line L, column C`, as used in error messages.
    public var description: String { "line \(line), column \(column)" }
}
