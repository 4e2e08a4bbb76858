#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TallySystem

/// Whole-input reads of the importer (format sniffing, runtime streams, standard input),
/// through the file system seam. Record files are streamed by their readers instead.
extension Importer {
    /// Up to `count` bytes from the start of the file at `path`.
    func readPrefix(path: String, count: Int) throws(ImportError) -> [UInt8] {
        do throws(StorageError) {
            let fd = try fs.open(path, flags: O_RDONLY)
            defer { fs.close(fd) }
            return try fs.readPrefix(fd, path: path, count: count)
        } catch {
            throw .cannotRead(error, name: path)
        }
    }

    /// Up to `count` bytes from an open descriptor (standard input) named `name`.
    func readPrefix(fd: Int32, name: String, count: Int) throws(ImportError) -> [UInt8] {
        do throws(StorageError) {
            return try fs.readPrefix(fd, path: name, count: count)
        } catch {
            throw .cannotRead(error, name: name)
        }
    }

    /// Every byte of the file at `path`, read to its end (it may be a pipe, whose size is
    /// not known ahead).
    func readAll(path: String) throws(ImportError) -> [UInt8] {
        do {
            return try fs.readToEnd(ofFile: path)
        } catch {
            throw .cannotRead(error, name: path)
        }
    }

    /// The rest of an open descriptor (standard input) named `name`.
    func readToEnd(fd: Int32, name: String) throws(ImportError) -> [UInt8] {
        do throws(StorageError) {
            return try fs.readToEnd(fd, path: name)
        } catch {
            throw .cannotRead(error, name: name)
        }
    }
}
