import TallySystem
import TallyFormat
/// Rebuilding a damaged manifest.
///
/// The part files are the data; the manifest says which of them are live. When
/// `MANIFEST` is missing or fails its checksum, its copy is restored if it is intact and
/// every part it lists is there (nothing is lost). Otherwise the manifest is rebuilt from
/// the part files themselves: each footer gives the project, month, days and row count,
/// and each part's `PartLineage` its id, level and the parts it replaced, so a part a
/// later merge or rewrite replaced is left out even if its file survived.
///
/// What only the manifest knew is then lost and reported: the batch identities that make
/// a repeated import a no-op and the store properties (taken from a damaged-but-readable
/// older copy when there is one).
extension Store {
    /// Rebuilds `MANIFEST` of the store at `path` if it is missing or damaged, holding the
    /// store's write lock. Returns nil when the manifest is sound (nothing is changed).
    ///
    /// - Throws: `StorageError.locked` if a writer has the store open, `notAStore`, or
    ///   `StorageError` for I/O (nothing is published then).
    package static func repairManifest(at path: String, options: StoreOptions = StoreOptions()) throws -> ManifestRecovery? {
        let fs = options.fileSystem
        let identity = try fs.readAll(path + "/" + Store.identityFile)
        guard String(decoding: identity, as: UTF8.self) == Store.identity else {
            throw StorageError.notAStore(path: path, reason: "\(Store.identityFile) names another format version")
        }
        let lock = try FolderLock.acquire(.store, in: path, fileSystem: fs)
        let report = try recover(at: path, fs: fs)
        // Held until the new manifest is in place.
        withExtendedLifetime(lock) {}
        return report
    }

    /// Why the manifest at `path` cannot be used, or nil when it can.
    private static func manifestDamage(at path: String, fs: FileSystem) throws -> String? {
        do {
            _ = try readManifest(path: path, fs: fs)
            return nil
        } catch StorageError.manifestDamaged(_, let reason) {
            return reason
        }
    }

    /// `repairManifest` under the write lock.
    private static func recover(at path: String, fs: FileSystem) throws -> ManifestRecovery? {
        guard let damage = try manifestDamage(at: path, fs: fs) else { return nil }
        let copy = (try? fs.readAll(path + "/" + Manifest.copyFileName)).flatMap { try? Manifest.decode($0) }
        let files = partFiles(in: path, fs: fs)
        if let copy, listsOnlyExistingFiles(copy, path: path, fs: fs) {
            var report = ManifestRecovery(source: .copy(generation: copy.generation), damage: damage)
            report.parts = copy.parts.count
            report.rows = copy.parts.reduce(0) { $0 + $1.rowCount }
            let listed = Set(copy.parts.map(\.id))
            report.unlisted = files.filter { !listed.contains($0.id) }.map(\.path)
            try writeManifest(copy, path: path, fs: fs)
            return report
        }
        var report = ManifestRecovery(source: .partFiles, damage: damage)
        let manifest = try rebuild(from: files, older: copy, path: path, fs: fs, report: &report)
        try writeManifest(manifest, path: path, fs: fs)
        return report
    }

    /// Whether every part `manifest` lists has its file, of the listed size.
    private static func listsOnlyExistingFiles(_ manifest: Manifest, path: String, fs: FileSystem) -> Bool {
        manifest.parts.allSatisfy { entry in
            let file: String = path + "/" + entry.relativePath
            guard let status = try? fs.status(file) else { return false }
            return Int(status.size) == entry.fileSize
        }
    }

    /// Every part file (and temporary part file) under `data/`, with the id in its name.
    private static func partFiles(in path: String, fs: FileSystem) -> [(id: UInt64, path: String, temporary: Bool)] {
        var out: [(id: UInt64, path: String, temporary: Bool)] = []
        for project in fs.list(path + "/data").sorted() {
            let folder = path + "/data/" + project
            for name in fs.list(folder).sorted() {
                guard let id = partId(fromFileName: name) else { continue }
                out.append((id: id, path: folder + "/" + name, temporary: name.hasSuffix(".tmp")))
            }
        }
        return out
    }

    /// A manifest of the live parts among `files`, read from their footers. Files whose
    /// footer or lineage is damaged are moved to `quarantine/`; what cannot be recovered goes in `report`.
    private static func rebuild(
        from files: [(id: UInt64, path: String, temporary: Bool)], older: Manifest?, path: String, fs: FileSystem,
        report: inout ManifestRecovery
    ) throws -> Manifest {
        var entries: [PartEntry] = []
        var replaced = Set<UInt64>()
        var damaged: [(UInt64, String)] = []
        for file in files where !file.temporary {
            do {
                // The footer and lineage are checked here; the column blocks are checked by
                // `repair()` (which `tally repair` runs next), as for any listed part.
                let reader = try PartReader(path: file.path, fileSystem: fs)
                let lineage = try PartLineage.of(reader)
                let footer = reader.footer
                if let lineage { replaced.formUnion(lineage.replaces) } else { report.withoutLineage += 1 }
                let entry = PartEntry(
                    id: file.id, projectId: footer.projectId, monthKey: footer.monthKey,
                    minDay: footer.days.first?.day ?? 0, maxDay: footer.days.last?.day ?? 0,
                    rowCount: footer.rowCount, fileSize: reader.fileSize, level: lineage?.level ?? 0)
                // A file whose footer does not match its name and folder would never be read.
                let expectedPath: String = path + "/" + entry.relativePath
                let sameId: Bool = lineage.map { $0.id == file.id } ?? true
                guard expectedPath == file.path, sameId else {
                    throw StorageError.corrupt(path: file.path, reason: "footer names another part (\(entry.relativePath))")
                }
                entries.append(entry)
            } catch let error as StorageError where error.isAccessFailure {
                // A call that failed (EIO, a full disk, too many open files) says nothing
                // of the file's bytes: quarantining it would drop sound rows from the
                // rebuilt manifest. Stop instead, publishing nothing; a rerun completes.
                throw error
            } catch {
                damaged.append((file.id, file.path))
            }
        }
        if !damaged.isEmpty {
            let quarantine = path + "/quarantine"
            try fs.makeDirectories(quarantine)
            for (id, file) in damaged {
                let name: String = file.split(separator: "/").last.map(String.init) ?? "part"
                let target = "\(quarantine)/recovered-\(id)-\(name)"
                try fs.rename(file, target)
                report.quarantined.append(file)
            }
            try fs.fsyncDirectory(quarantine)
        }
        report.superseded = entries.filter { replaced.contains($0.id) }.map { path + "/" + $0.relativePath }
        var manifest = Manifest()
        manifest.parts = entries.filter { !replaced.contains($0.id) }.sorted { $0.id < $1.id }
        manifest.generation = (older?.generation ?? 0) + 1
        manifest.nextPartId = max(older?.nextPartId ?? 1, (files.map(\.id).max() ?? 0) + 1)
        report.parts = manifest.parts.count
        report.rows = manifest.parts.reduce(0) { $0 + $1.rowCount }
        if let older {
            manifest.batchIdentities = older.batchIdentities
            manifest.properties = older.properties
            report.lost.append(
                "batch identities and store properties are those of generation \(older.generation) (MANIFEST.copy, stale): "
                    + "a file imported after it would be imported again by a repeated `tally import`")
        } else {
            report.lost.append("the identities of imported batches: importing an already imported file again would duplicate its rows")
            report.lost.append("store properties (default codec, retention policy and other settings): set them again")
        }
        return manifest
    }
}
