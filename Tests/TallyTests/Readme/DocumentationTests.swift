import Foundation
import Testing

/// The DocC catalog's file-format article is docs/storage-design.md under another title,
/// kept identical so the two never drift apart.
@Suite struct DocumentationTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    /// A Markdown file without its first line (the title).
    static func body(_ relative: String) throws -> String {
        let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
        return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)[1])
    }

    @Test func theFileFormatArticleIsTheStorageDesign() throws {
        let article = try Self.body("Sources/Tally/Tally.docc/FileFormat.md")
        let design = try Self.body("docs/storage-design.md")
        let lead = "\nHow a database folder is laid out on disk and why.\n\n"
        #expect(article.hasPrefix(lead))
        #expect(String(article.dropFirst(lead.count)) == design.drop { $0 == "\n" }.description,
                "copy docs/storage-design.md into Sources/Tally/Tally.docc/FileFormat.md (below its first three lines)")
    }
}
