import Foundation

/// A local file's bytes, for the file table functions.
enum FileBytes {
    /// The bytes of the regular file at `path` (a device or pipe such as /dev/zero is
    /// refused: it may never end).
    static func read(_ path: String) throws(FileTableError) -> [UInt8] {
        try requireRegularFile(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileTableError("cannot read \(path) (not readable)")
        }
        return [UInt8](data)
    }

    /// Throws unless `path` names a regular file.
    static func requireRegularFile(_ path: String) throws(FileTableError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw FileTableError("no file \(path)", hint: "a relative path is read from the current directory (\(FileManager.default.currentDirectoryPath))")
        }
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        guard type == .typeRegular else {
            throw FileTableError("\(path) is not a regular file (a folder, a device or a pipe)", hint: "name a CSV or Parquet file")
        }
    }
}
