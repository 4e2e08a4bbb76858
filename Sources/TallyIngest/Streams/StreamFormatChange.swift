/// Where a stream file stops being in the format it started in: `cat a.jsonl b.jsonl`
/// of two runtimes' streams, or usage records appended to a stream.
///
/// Each parser reads only its own runtime's lines and skips the rest, so the importer
/// refuses such a file instead of dropping the other format's usage without a word.
package struct StreamFormatChange: Sendable, Hashable {
    /// The 1-based line of the first line in another format.
    package var line: Int
    /// The format of the lines before it (or, when they were all indecisive, the format
    /// the file was read as).
    package var expected: String
    /// The other format that line is in: a stream format's name, `jsonl` or `csv`.
    package var found: String
}
