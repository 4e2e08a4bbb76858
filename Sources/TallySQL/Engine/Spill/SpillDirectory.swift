import Foundation

/// The temporary files of one statement: a folder of its own under `temp_directory` (the
/// system's temporary folder unless set), made when the first operator spills and removed
/// with everything in it when the statement ends, whether it succeeded, failed or was
/// cancelled (`SQLQuery.execute` calls `removeAll` on every way out).
///
/// Spill files go through POSIX calls here rather than the store's `FileSystem` seam: they
/// are scratch space, never part of the store, so the store's fault-injection harness has
/// nothing to prove about them.
package final class SpillDirectory: @unchecked Sendable {
    /// The folder the statement's own folder is made in.
    package let parent: String
    private let lock = NSLock()
    private var folder: String?
    private var files: [SpillFile] = []
    private var nextNumber = 0

    /// Spill files for one statement, under `parent` (nil: the system's temporary folder).
    package init(parent: String?) {
        var base = parent ?? NSTemporaryDirectory()
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        self.parent = base
    }

    /// The statement's folder, if an operator has spilled.
    package var path: String? { lock.withLock { folder } }

    /// A new empty file, open for writing then reading.
    func makeFile(_ purpose: String) throws(SpillError) -> SpillFile {
        lock.lock()
        defer { lock.unlock() }
        let dir: String
        if let folder {
            dir = folder
        } else {
            var template = Array((parent + "/tally-spill-XXXXXX").utf8CString)
            let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
            guard made != nil else { throw SpillError("create a folder in", parent, errno: errno) }
            dir = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            folder = dir
        }
        nextNumber += 1
        let file = try SpillFile(path: dir + "/\(purpose)-\(nextNumber).spill")
        files.append(file)
        return file
    }

    /// Closes and deletes every file and the folder.
    package func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for f in files { f.remove() }
        files = []
        if let folder { rmdir(folder) }
        folder = nil
    }

    deinit {
        removeAll()
    }
}
