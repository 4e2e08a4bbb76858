import TallySystem
import TallyFormat
/// A live part, as listed in the manifest.
package struct PartEntry: Sendable, Hashable {
    /// Unique within the store, never reused once committed.
    package var id: UInt64
    /// The part's project.
    package var projectId: String
    /// The part's month (year * 12 + month - 1).
    package var monthKey: Int32
    /// The first day with rows.
    package var minDay: Int32
    /// The last day with rows.
    package var maxDay: Int32
    /// Rows in the part.
    package var rowCount: Int
    /// The part file's size in bytes.
    package var fileSize: Int
    /// How many merges produced it (0 = written by a flush).
    package var level: Int

    /// The part's path relative to the store folder:
    /// `data/<escaped project>/<YYYY-MM>-<id>.tly` (one folder per project, so a flush
    /// that touches many months creates files, not folders).
    package var relativePath: String {
        let year = Int(monthKey) / 12, month = Int(monthKey) % 12 + 1
        let ym = String(year) + "-" + (month < 10 ? "0" : "") + String(month)
        return "data/" + ProjectDirectoryName.escape(projectId) + "/" + ym + "-" + String(id) + "." + PartFormat.fileExtension
    }
}

/// Turns any project id into one safe directory name.
///
/// Bytes outside `[A-Za-z0-9_-]` are written as `%XX`, so `..`, `/`, absolute paths,
/// NUL and unicode can never name a folder outside the store, and distinct project ids
/// never share a folder.
package enum ProjectDirectoryName {
    /// The directory name of a project id.
    package static func escape(_ projectId: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(projectId.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in projectId.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 15)])
            }
        }
        // A very long id would exceed NAME_MAX: keep a prefix and a hash of the whole.
        if out.count > 200 {
            let hash = CRC32C.checksum(Array(projectId.utf8))
            out = Array(out[0..<180]) + Array(("~" + String(hash, radix: 16)).utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
