#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a temporary name beside its final path and renamed into place by
/// `commit()`: a reader never sees half of it, and a failure (or dropping it uncommitted)
/// leaves nothing under the final name. Exports write their files this way.
package final class StagedFile {
    /// The final path.
    package let path: String
    /// Where the bytes go until `commit()`.
    package let temporaryPath: String
    /// The file system written through.
    package let fileSystem: FileSystem
    /// The open descriptor of the temporary file (-1 once committed or abandoned).
    package private(set) var descriptor: Int32

    /// Creates (or truncates) the temporary file `path + temporarySuffix`.
    package init(path: String, fileSystem: FileSystem, temporarySuffix: String = ".tmp",
                site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        self.path = path
        self.temporaryPath = path + temporarySuffix
        self.fileSystem = fileSystem
        descriptor = try fileSystem.open(temporaryPath, flags: O_WRONLY | O_CREAT | O_TRUNC, site: site, siteLine: siteLine)
    }

    deinit { abandon() }

    /// Appends bytes to the temporary file.
    package func write(_ bytes: UnsafeRawBufferPointer, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        try fileSystem.write(descriptor, path: temporaryPath, bytes, site: site, siteLine: siteLine)
    }

    /// Closes the temporary file and renames it to `path` (replacing any file there).
    /// With `durably`, its bytes and then its name are fsynced first: a crash then
    /// leaves the old file or the whole new one. On failure the temporary file is removed.
    package func commit(durably: Bool = false, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        let fd = descriptor
        descriptor = -1
        do throws(StorageError) {
            if durably { try fileSystem.fsync(fd, path: temporaryPath, site: site, siteLine: siteLine) }
            try fileSystem.closeReportingErrors(fd, path: temporaryPath)
            try fileSystem.rename(temporaryPath, path, site: site, siteLine: siteLine)
        } catch {
            try? fileSystem.unlink(temporaryPath, site: site, siteLine: siteLine)
            throw error
        }
        if durably { try fileSystem.fsyncDirectory(fileSystem.parentDirectory(of: path), site: site, siteLine: siteLine) }
    }

    /// Closes and removes the temporary file (nothing after `commit()`); best effort.
    package func abandon(site: StaticString = #fileID, siteLine: UInt = #line) {
        guard descriptor >= 0 else { return }
        fileSystem.close(descriptor)
        descriptor = -1
        try? fileSystem.unlink(temporaryPath, site: site, siteLine: siteLine)
    }
}
