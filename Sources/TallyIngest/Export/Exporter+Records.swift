#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TallySystem
import TallyStore

/// CSV and JSONL exports: one file, or standard output.
extension Exporter {
    /// Writes the selected records of `parts` to the file at `path` (`-`: standard output).
    ///
    /// A regular file (or a new one) is staged under a temporary name and renamed into
    /// place when complete. A device, a pipe or a symbolic link is written in place, as
    /// named: a rename would replace the link or could not replace the device.
    func exportRecords(_ parts: [PartHandle], to path: String, options: Options, summary: inout ExportSummary,
                       progress: ((Int64, Int) -> Void)?) throws {
        if path == "-" {
            return try writeRecords(parts, to: STDOUT_FILENO, name: ExportError.standardOutputName, output: ExportError.standardOutputName,
                                    options: options, summary: &summary, progress: progress)
        }
        let status: FileStatus?
        do { status = try fs.status(path, followingLinks: false) } catch { throw Self.cannotWrite(path, error) }
        if let status, !status.isRegularFile && !status.isDirectory {
            let fd: Int32
            do { fd = try fs.open(path, flags: O_WRONLY | O_TRUNC) } catch { throw Self.cannotWrite(path, error) }
            defer { fs.close(fd) }
            return try writeRecords(parts, to: fd, name: path, output: path, options: options, summary: &summary, progress: progress)
        }
        let staged: StagedFile
        do { staged = try StagedFile(path: path, fileSystem: fs) } catch { throw Self.cannotWrite(path, error) }
        do {
            try writeRecords(parts, to: staged.descriptor, name: staged.temporaryPath, output: path, options: options, summary: &summary,
                             progress: progress)
        } catch {
            staged.abandon()
            throw error
        }
        do { try staged.commit() } catch { throw Self.cannotWrite(path, error) }
    }

    /// Writes the records in the format of `options` to `fd`, which errors and faults know
    /// as `name`; `output` is the path the caller named.
    private func writeRecords(_ parts: [PartHandle], to fd: Int32, name: String, output: String, options: Options,
                              summary: inout ExportSummary, progress: ((Int64, Int) -> Void)?) throws {
        do {
            if options.format == .jsonl {
                var writer = JSONLRecordWriter(fileDescriptor: fd, name: name, fileSystem: fs)
                try copy(parts, into: &writer, options: options, summary: &summary, progress: progress)
            } else {
                var writer = CSVRecordWriter(fileDescriptor: fd, name: name, fileSystem: fs)
                try copy(parts, into: &writer, options: options, summary: &summary, progress: progress)
            }
        } catch let error as RecordExportError {
            throw ExportError.cannotWrite(path: output, file: error.file, operation: "write", errno: error.errno)
        }
    }

    private func copy<Writer: RecordFileWriter & ~Copyable>(
        _ parts: [PartHandle], into writer: inout Writer, options: Options, summary: inout ExportSummary,
        progress: ((Int64, Int) -> Void)?
    ) throws {
        for part in parts {
            try forEachRecord(in: part, options) { r in
                try writer.write(r)
                summary.rows += 1
            }
            progress?(writer.bytesWritten, summary.rows)
        }
        try writer.flush()
        summary.bytes = writer.bytesWritten
    }

    /// The export error for a failed call of the seam on the output `path` (or its
    /// temporary file).
    static func cannotWrite(_ path: String, _ error: StorageError) -> ExportError {
        .cannotWrite(path: path, file: error.failedPath ?? path, operation: Self.operation(of: error), errno: error.errno ?? EIO)
    }

    private static func operation(of error: StorageError) -> String {
        if case let .io(operation, _, _) = error { return operation }
        return "write"
    }
}
