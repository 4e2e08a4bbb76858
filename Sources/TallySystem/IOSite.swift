/// A place in Tally's code that calls the `FileSystem` seam: the file and line of the
/// call. Every faultable seam method takes the caller's location as default arguments,
/// so a fault-injection run can say which sites it reached (and could fail) without each
/// call site naming itself.
package struct IOSite: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The calling file, as `#fileID` spells it (`TallyStore/Store.swift`).
    package let file: String
    /// The line of the call.
    package let line: Int

    /// A site; `file` as `#fileID` spells it.
    package init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    init(_ file: StaticString, _ line: UInt) {
        self.init(file: file.description, line: Int(line))
    }

    /// The module: the first component of `file`.
    package var module: String { String(file.prefix { $0 != "/" }) }

    package var description: String { "\(file):\(line)" }

    package static func < (a: IOSite, b: IOSite) -> Bool { (a.file, a.line) < (b.file, b.line) }
}
