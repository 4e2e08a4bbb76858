#if canImport(Glibc)
import Glibc
#endif
import TallySystem
import TallyFormat

/// Writes usage records as a Hive-partitioned tree of Parquet files:
///
/// ```
/// <root>/project_id=<project>/month=YYYY-MM/part-0.parquet      (partitionBy .month)
/// <root>/project_id=<project>/date=YYYY-MM-DD/part-0.parquet    (partitionBy .day)
/// ```
///
/// Every file also holds `project_id` and `date` as columns, so a file read alone loses
/// nothing; engines reading the tree can use the directory names to prune. Project ids
/// are escaped in directory names as Hive does (`%2F` for `/`, and so on).
///
/// Records may arrive in any order within a month; files of a partition stay open until
/// `closePartitions()` (call it when moving to another project or month) or `close()`.
/// Memory is bounded: when all open files together buffer `rowGroupRows` rows, the
/// largest buffer is written as a row group.
///
/// Every file appears whole (written under a temporary name, then renamed); after a
/// failure, `abandon()` removes what the export wrote, so no partial tree is left.
package final class HivePartitionedExport {
    /// How records are split into directories.
    package typealias Granularity = ExportPartitioning

    /// The root directory.
    package let root: String
    /// The partition granularity.
    package let granularity: Granularity
    private let rowGroupRows: Int
    private let options: ParquetFileWriter.Options
    private let fs: FileSystem
    private var open = [String: UsageParquetWriter]()
    /// Directories this export created below the root (it found the root empty).
    private var createdDirectories = Set<String>()
    private var createdRoot = false
    private var buffered = 0
    /// Files written so far (closed), relative to `root`.
    package private(set) var files: [String] = []
    /// Rows written so far.
    package private(set) var rowCount = 0
    /// Bytes of the files closed so far.
    package private(set) var bytesWritten: Int64 = 0

    /// Prepares an export into `root`, which must be absent or an empty directory (so that
    /// no stale partition of an older export is read with the new one). Every file and
    /// directory is made through `fileSystem`.
    package init(root: String, granularity: Granularity, rowGroupRows: Int = 1 << 20,
                options: ParquetFileWriter.Options = ParquetFileWriter.Options(),
                fileSystem: FileSystem = FileSystem()) throws(ParquetError) {
        self.root = root
        self.granularity = granularity
        self.rowGroupRows = max(1, rowGroupRows)
        self.options = options
        self.fs = fileSystem
        let status: FileStatus?
        do { status = try fileSystem.status(root) } catch { throw .system(error, path: root, operation: "stat the directory") }
        if let status {
            guard status.isDirectory else {
                throw .io(path: root, operation: "export into it: it is not a directory (name a new directory)", errno: ENOTDIR)
            }
            guard fileSystem.list(root).isEmpty else {
                throw .io(path: root, operation: "export into it: the directory is not empty (choose a new directory, or remove it first)", errno: EEXIST)
            }
        } else {
            try makeDirectories(root)
            createdRoot = true
        }
    }

    /// The directory (relative to the root) of a record's partition.
    package func partitionDirectory(project: String, day: Int32) -> String {
        let d = CivilDate.isoString(forDayNumber: day)
        let key = granularity == .day ? "date=" + d : "month=" + String(d.prefix(7))
        return "project_id=" + Self.escape(project) + "/" + key
    }

    /// Appends a record to its partition's file.
    package func write(_ r: UsageRecord) throws(ParquetError) {
        let dir = partitionDirectory(project: r.projectId, day: r.day)
        let writer: UsageParquetWriter
        if let w = open[dir] {
            writer = w
        } else {
            try makeDirectories(root + "/" + dir)
            createdDirectories.insert(dir)
            createdDirectories.insert(String(dir.prefix { $0 != "/" }))
            writer = try UsageParquetWriter(path: root + "/" + dir + "/part-0.parquet", rowGroupRows: rowGroupRows,
                                            options: options, fileSystem: fs)
            open[dir] = writer
        }
        let before = writer.bufferedRows
        try writer.write(r)
        buffered += writer.bufferedRows - before
        rowCount += 1
        if buffered >= rowGroupRows, let largest = open.values.max(by: { $0.bufferedRows < $1.bufferedRows }) {
            buffered -= largest.bufferedRows
            try largest.flushRowGroup()
        }
    }

    /// Closes every open file (their partitions must not receive more records).
    package func closePartitions() throws(ParquetError) {
        for dir in open.keys.sorted() {
            let writer = open[dir]!
            try writer.close()
            files.append(dir + "/part-0.parquet")
            bytesWritten += writer.byteCount
        }
        open.removeAll()
        buffered = 0
    }

    /// Closes everything; returns the files written, relative to the root.
    @discardableResult
    package func close() throws(ParquetError) -> [String] {
        try closePartitions()
        return files
    }

    /// Undoes the export after a failure, best effort: the open files are discarded, the
    /// files already written removed, and the directories it made (the root too, if it
    /// made it) removed, so that no partial tree passes for a complete export.
    package func abandon() {
        for writer in open.values { writer.abandon() }
        open.removeAll()
        buffered = 0
        for file in files { try? fs.unlink(root + "/" + file) }
        files.removeAll()
        // Reverse order puts `a/b` before `a`: children go first.
        for dir in createdDirectories.sorted(by: >) { try? fs.removeDirectory(root + "/" + dir) }
        createdDirectories.removeAll()
        if createdRoot { try? fs.removeDirectory(root) }
    }

    /// Hive's escaping of a partition value: control characters and
    /// `"#%'*/:=?\{[]^` as `%XX`; everything else (UTF-8 included) as is.
    package static func escape(_ value: String) -> String {
        if value.isEmpty { return "__HIVE_DEFAULT_PARTITION__" }
        var out = [UInt8]()
        for b in value.utf8 {
            if b < 0x20 || b == 0x7F || Array("\"#%'*/:=?\\{[]^".utf8).contains(b) {
                out.append(0x25)
                out.append(contentsOf: Array(hex(b >> 4).utf8) + Array(hex(b & 15).utf8))
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ n: UInt8) -> String { String(n, radix: 16, uppercase: true) }

    private func makeDirectories(_ path: String) throws(ParquetError) {
        do {
            try fs.makeDirectories(path)
        } catch {
            guard case let .io(_, failed, _) = error else { throw .system(error, path: path, operation: "create the directory") }
            throw .system(error, path: failed, operation: "create the directory")
        }
    }
}
