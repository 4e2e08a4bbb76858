#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place where Tally calls the operating system for files.
///
/// Every file system call of the library (the store, imports and exports, the activity
/// log, the key store, the rate card) goes through here, so that tests can inject I/O
/// errors (disk full, permission denied, read errors, short writes) at any of them and
/// check that each reports them clearly and leaves nothing half-done.
///
/// Each faultable method takes its caller's location (`site`, `siteLine`: leave them to
/// their defaults), so that a `FaultInjector` can record which call sites a test reached.
package struct FileSystem: Sendable {
    /// Injected faults, or nil in production.
    package let faults: FaultInjector?
    /// Counters of opens and reads, or nil when not wanted.
    package let counters: IOCounters?
    /// The record of every call that changed a file or folder, for power-loss tests, or
    /// nil in production.
    package let journal: FileSystemJournal?

    /// Creates a file system; pass a `FaultInjector` or `IOCounters` in tests only.
    package init(faults: FaultInjector? = nil, counters: IOCounters? = nil) {
        self.faults = faults
        self.counters = counters
        self.journal = nil
    }

    /// A file system that records every change it makes in `journal` (power-loss tests).
    package init(faults: FaultInjector? = nil, counters: IOCounters? = nil, journal: FileSystemJournal) {
        self.faults = faults
        self.counters = counters
        self.journal = journal
    }

    /// Throws the injected fault for `op` on `path` at the caller's site, if any.
    @inline(__always)
    package func check(_ op: FaultInjector.Operation, _ path: String, _ site: StaticString, _ line: UInt) throws(StorageError) {
        journal?.noteCall()
        if let f = faults, let fault = f.fault(for: op, path: path, site: IOSite(site, line)) {
            throw StorageError.io(operation: op.rawValue, path: path, errno: fault.errno)
        }
    }

    /// Opens a file, returning its descriptor.
    package func open(_ path: String, flags: Int32, mode: mode_t = 0o644, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) -> Int32 {
        try check(.open, path, site, siteLine)
        // The journal tells a file `O_CREAT` made from one it opened.
        let existed = journal == nil || flags & O_CREAT == 0 || exists(path)
        let fd = path.withCString { Glibc.open($0, flags | O_CLOEXEC, mode) }
        guard fd >= 0 else { throw StorageError.io(operation: "open", path: path, errno: errno) }
        counters?.recordOpen(path)
        if let journal { journal.record(.open(fd: fd, path: path, created: !existed, truncated: flags & O_TRUNC != 0, directory: isDirectory(fd))) }
        return fd
    }

    /// Whether an open descriptor is a folder (for the journal).
    private func isDirectory(_ fd: Int32) -> Bool {
        var st = stat()
        return fstat(fd, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }

    /// Closes a descriptor.
    package func close(_ fd: Int32) {
        journal?.record(.close(fd: fd))
        _ = Glibc.close(fd)
    }

    /// Reads exactly `count` bytes at `offset`; a short read is a truncation error.
    package func read(_ fd: Int32, path: String, offset: Int, into buffer: UnsafeMutableRawBufferPointer, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        try check(.read, path, site, siteLine)
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw StorageError.io(operation: "read", path: path, errno: errno)
            }
            if n == 0 { throw StorageError.corrupt(path: path, reason: "file ends at \(offset + done), expected \(buffer.count - done) more bytes") }
            done += n
        }
        counters?.recordRead(buffer.count)
    }

    /// Reads a whole file.
    package func readAll(_ path: String, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) -> [UInt8] {
        let fd = try open(path, flags: O_RDONLY, site: site, siteLine: siteLine)
        defer { close(fd) }
        let size = try self.size(fd, path: path)
        var bytes = [UInt8](repeating: 0, count: size)
        if size > 0 {
            try bytes.withMutableBytes { (b) throws(StorageError) in try read(fd, path: path, offset: 0, into: b, site: site, siteLine: siteLine) }
        }
        return bytes
    }

    /// The size of an open file.
    package func size(_ fd: Int32, path: String) throws(StorageError) -> Int {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StorageError.io(operation: "stat", path: path, errno: errno) }
        return Int(st.st_size)
    }

    /// Writes all of `bytes` at the current position.
    package func write(_ fd: Int32, path: String, _ bytes: UnsafeRawBufferPointer, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        journal?.noteCall()
        if let f = faults, let fault = f.fault(for: .write, path: path, site: IOSite(site, siteLine)) {
            // A short write lands half the bytes before the error, as a disk filling up does.
            if fault.shortWrite && bytes.count > 1 {
                let n = Glibc.write(fd, bytes.baseAddress!, bytes.count / 2)
                if n > 0 { recordWrite(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<n])) }
            }
            throw StorageError.io(operation: "write", path: path, errno: fault.errno)
        }
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                if done > 0 { recordWrite(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<done])) }
                throw StorageError.io(operation: "write", path: path, errno: errno)
            }
            done += n
        }
        recordWrite(fd, bytes)
    }

    /// Journals bytes just written at the descriptor's position: the position after the
    /// write, less their count, is where they went (with `O_APPEND` too).
    private func recordWrite(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) {
        guard let journal else { return }
        let end = Int(lseek(fd, 0, SEEK_CUR))
        journal.record(.write(fd: fd, offset: end - bytes.count, bytes: Array(bytes)))
    }

    /// Flushes a file's data and metadata to stable storage.
    package func fsync(_ fd: Int32, path: String, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        try check(.fsync, path, site, siteLine)
        guard Glibc.fsync(fd) == 0 else { throw StorageError.io(operation: "fsync", path: path, errno: errno) }
        journal?.record(.fsync(fd: fd))
    }

    /// Makes a directory's entries (new names, renames) durable.
    package func fsyncDirectory(_ path: String, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        let fd = try open(path, flags: O_RDONLY | O_DIRECTORY, site: site, siteLine: siteLine)
        defer { close(fd) }
        try fsync(fd, path: path, site: site, siteLine: siteLine)
    }

    /// Atomically replaces `to` with `from`.
    package func rename(_ from: String, _ to: String, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        try check(.rename, to, site, siteLine)
        guard Glibc.rename(from, to) == 0 else { throw StorageError.io(operation: "rename", path: to, errno: errno) }
        journal?.record(.rename(from: from, to: to))
    }

    /// Gives the file at `from` the second name `to` (a hard link, in the same file
    /// system): the file then survives the removal of either name.
    package func link(_ from: String, _ to: String, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        try check(.link, to, site, siteLine)
        guard Glibc.link(from, to) == 0 else { throw StorageError.io(operation: "link", path: to, errno: errno) }
        journal?.record(.link(from: from, to: to))
    }

    /// Removes a file; a missing file is not an error.
    package func unlink(_ path: String, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        try check(.unlink, path, site, siteLine)
        if Glibc.unlink(path) == 0 {
            journal?.record(.unlink(path: path))
        } else if errno != ENOENT {
            throw StorageError.io(operation: "unlink", path: path, errno: errno)
        }
    }

    /// Creates a directory and its missing parents.
    package func makeDirectories(_ path: String, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        try check(.mkdir, path, site, siteLine)
        // Usually every folder but the last exists already (a flush writes a part into
        // each project's folder): one mkdir instead of one per path component.
        if mkdir(path, 0o755) == 0 {
            journal?.record(.mkdir(path: path))
            return
        }
        if errno == EEXIST { return }
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) == 0 {
                journal?.record(.mkdir(path: current))
            } else if errno != EEXIST {
                throw StorageError.io(operation: "mkdir", path: current, errno: errno)
            }
        }
    }

    /// Whether a path exists.
    package func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// The names in a directory (without `.` and `..`); empty if it does not exist.
    package func list(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names = [String]()
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Writes `bytes` to `path` durably and atomically: a temporary file in the same
    /// directory is written and fsynced, renamed over `path`, and the directory fsynced.
    /// A crash leaves either the old file or the new one, never a mix.
    package func writeAtomically(_ bytes: [UInt8], to path: String, temporarySuffix: String = ".tmp", site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        let tmp = path + temporarySuffix
        let fd = try open(tmp, flags: O_WRONLY | O_CREAT | O_TRUNC, site: site, siteLine: siteLine)
        do throws(StorageError) {
            try bytes.withBytes { (b) throws(StorageError) in try write(fd, path: tmp, b, site: site, siteLine: siteLine) }
            try fsync(fd, path: tmp, site: site, siteLine: siteLine)
        } catch {
            close(fd)
            try? unlink(tmp, site: site, siteLine: siteLine)
            throw error
        }
        close(fd)
        do throws(StorageError) {
            try rename(tmp, path, site: site, siteLine: siteLine)
        } catch {
            try? unlink(tmp, site: site, siteLine: siteLine)
            throw error
        }
        try fsyncDirectory(parentDirectory(of: path), site: site, siteLine: siteLine)
    }

    /// The directory part of a path.
    package func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

extension FileSystem {
    /// Makes everything written so far on the file system holding `path` durable, in one
    /// call (Linux `syncfs`): cheaper than an fsync per file and per folder when a flush
    /// writes many parts.
    package func syncFileSystem(containing path: String, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        try check(.fsync, path, site, siteLine)
        let fd = try open(path, flags: O_RDONLY | O_DIRECTORY, site: site, siteLine: siteLine)
        defer { close(fd) }
        guard linuxSyncfs(fd) == 0 else { throw StorageError.io(operation: "syncfs", path: path, errno: errno) }
        journal?.record(.syncfs)
    }
}

// glibc declares syncfs only under _GNU_SOURCE, which the Glibc module does not set.
@_silgen_name("syncfs")
private func linuxSyncfs(_ fd: Int32) -> Int32
