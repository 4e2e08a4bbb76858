import TallySystem
import TallyFormat
/// Reading and writing the manifest and its copy.
///
/// Every commit writes `MANIFEST` (the commit point: renamed into place) and then the
/// same bytes to `MANIFEST.copy`. A crash between the two leaves the copy one generation
/// behind, which is the last acknowledged state (the commit had not returned), and a
/// writable open brings the copy up to date. A failed copy write is removed rather than
/// left stale, so a copy that exists is the manifest's twin or the last acknowledged
/// state: `repairManifest` can restore it as is.
extension Store {
    /// Publishes `manifest`: the rename of `MANIFEST` is the commit, then the copy.
    static func writeManifest(_ manifest: Manifest, path: String, fs: FileSystem) throws {
        let bytes = manifest.encoded()
        try fs.writeAtomically(bytes, to: path + "/" + Manifest.fileName)
        writeManifestCopy(bytes, path: path, fs: fs)
    }

    /// Writes the copy; on failure removes it (the commit itself has already happened, so
    /// failing it now would make a caller retry what was published).
    static func writeManifestCopy(_ bytes: [UInt8], path: String, fs: FileSystem) {
        let copy = path + "/" + Manifest.copyFileName
        do {
            try fs.writeAtomically(bytes, to: copy)
        } catch {
            try? fs.unlink(copy)
        }
    }

    /// Reads and decodes `MANIFEST`; a missing or undecodable one is
    /// `StorageError.manifestDamaged` (the store folder exists, so it must have one).
    static func readManifest(path: String, fs: FileSystem) throws -> Manifest {
        let manifestPath = path + "/" + Manifest.fileName
        // The store folder holds `tally.store`, so it must have a manifest (renames
        // replace it, never remove it).
        guard fs.exists(manifestPath) else {
            throw StorageError.manifestDamaged(path: manifestPath, reason: "the file is missing")
        }
        let bytes = try fs.readAll(manifestPath)
        do {
            return try Manifest.decode(bytes)
        } catch {
            throw StorageError.manifestDamaged(path: manifestPath, reason: "\(error)")
        }
    }

    /// After a writable open: rewrites the copy if it is not the manifest's twin (a crash
    /// between the two writes, or a store from before copies were kept).
    static func healManifestCopy(path: String, fs: FileSystem) {
        guard let bytes = try? fs.readAll(path + "/" + Manifest.fileName) else { return }
        if (try? fs.readAll(path + "/" + Manifest.copyFileName)) == bytes { return }
        writeManifestCopy(bytes, path: path, fs: fs)
    }
}
