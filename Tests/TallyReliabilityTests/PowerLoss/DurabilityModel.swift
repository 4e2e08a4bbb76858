import Foundation
import Tally
import TallyTestSupport

/// What one folder tree (a store) holds, file by file and folder by folder, and what of
/// it is durable, rebuilt from a `FileSystemJournal` over the tree's state before the run.
///
/// The model is strict POSIX, as a power cut on ext4 or XFS can expose it:
/// - a file's bytes are durable once the file is fsynced (or a `syncfs` ran);
/// - a name in a folder (a file created, renamed in, removed; a folder made or removed)
///   is durable once that folder is fsynced (or a `syncfs` ran): fsyncing a new file
///   does not make its name durable, and a rename across folders needs both;
/// - everything else is lost at the cut (`survivors(.dropUnsynced)`), or, in the second
///   mode, kept in part (`survivors(.partial)`): each folder holds its names at its last
///   fsync, or its names at the cut (a folder's block written back whole), or a random
///   mix name by name (each name as it was at the fsync or at the cut); each file keeps
///   its durable bytes plus a random subset of the page-sized pieces of its unsynced
///   writes, applied in a random order (what LazyFS and ALICE explore: reordered, torn
///   writes of data that was never synced).
///
/// Paths outside the tree (an import's input file) are not modelled. A call on a path
/// inside the tree that the model does not know (a file written without the seam) is a
/// `problem`: the walk would miss it.
final class DurabilityModel {
    /// A file or folder (an inode: renames move it, names point at it).
    final class Node {
        let isDirectory: Bool
        /// Current bytes (files).
        var data: [UInt8] = []
        /// Bytes as of the last fsync.
        var durableData: [UInt8] = []
        /// Writes and cuts since the last fsync, in order.
        var unsynced: [Change] = []
        /// Current names (folders).
        var entries: [String: Node] = [:]
        /// Names as of the last fsync of the folder.
        var durableEntries: [String: Node] = [:]

        init(isDirectory: Bool) { self.isDirectory = isDirectory }
    }

    /// A change to a file's bytes not yet made durable.
    enum Change {
        case write(offset: Int, bytes: [UInt8])
        case truncate(length: Int)
    }

    /// How a power cut treats what was not made durable.
    enum Mode: CustomStringConvertible {
        /// Lost, all of it.
        case dropUnsynced
        /// Kept in part, at random (seeded): see the type's documentation.
        case partial(seed: UInt64)

        var description: String {
            switch self {
            case .dropUnsynced: "drop unsynced"
            case .partial(let seed): "partial (seed \(seed))"
            }
        }
    }

    /// The page size of a torn write: each page-sized piece of an unsynced write lands
    /// or not on its own.
    static let pageSize = 4096

    /// The tree's folder.
    let root: String
    let rootNode: Node
    private var descriptors: [Int32: Node?] = [:]
    /// Calls the model could not follow (a seam bypass), with the event.
    private(set) var problems: [String] = []

    /// The tree at `root` as it is on disk now, all of it durable (the state before the
    /// run: copied from a closed store).
    init(root: String, contentsOf source: String) throws {
        self.root = root
        rootNode = try Self.load(source)
    }

    private static func load(_ path: String) throws -> Node {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let node = Node(isDirectory: isDirectory.boolValue)
        if isDirectory.boolValue {
            for name in try FileManager.default.contentsOfDirectory(atPath: path) {
                node.entries[name] = try load(path + "/" + name)
            }
            node.durableEntries = node.entries
        } else {
            node.data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            node.durableData = node.data
        }
        return node
    }

    // MARK: Following the journal

    /// Applies one journalled event.
    func apply(_ event: FileSystemJournal.Event) {
        switch event {
        case let .open(fd, path, created, truncated, directory):
            guard let (parent, name) = locateParent(path) else { descriptors[fd] = .some(nil); return }
            guard let parent else { return problem("open of \(path): no folder", event) }
            var node = name.isEmpty ? rootNode : parent.entries[name]
            if node == nil || (created && !directory) {
                guard created else { return problem("open of \(path), which the journal never created", event) }
                let fresh = Node(isDirectory: directory)
                parent.entries[name] = fresh
                node = fresh
            }
            if truncated, let node { change(node, .truncate(length: 0)) }
            descriptors[fd] = node
        case let .write(fd, offset, bytes):
            guard let entry = descriptors[fd] else { return problem("write to an unknown descriptor", event) }
            if let node = entry { change(node, .write(offset: offset, bytes: bytes)) }
        case let .truncate(fd, length):
            guard let entry = descriptors[fd] else { return problem("truncate of an unknown descriptor", event) }
            if let node = entry { change(node, .truncate(length: length)) }
        case let .fsync(fd):
            guard let entry = descriptors[fd] else { return problem("fsync of an unknown descriptor", event) }
            if let node = entry { sync(node) }
        case let .close(fd):
            descriptors[fd] = nil
        case let .rename(from, to):
            let source = locateParent(from), target = locateParent(to)
            if source == nil && target == nil { return }
            guard let (sp, sn) = source, let sp, let (tp, tn) = target, let tp else {
                return problem("rename across the tree's edge", event)
            }
            guard let node = sp.entries.removeValue(forKey: sn) else { return problem("rename of a name the model lacks", event) }
            tp.entries[tn] = node
        case let .link(from, to):
            guard let (sp, sn) = locateParent(from), let sp, let (tp, tn) = locateParent(to), let tp, let node = sp.entries[sn] else {
                return problem("link the model cannot follow", event)
            }
            tp.entries[tn] = node
        case let .unlink(path), let .rmdir(path):
            guard let (parent, name) = locateParent(path) else { return }
            guard let parent, parent.entries.removeValue(forKey: name) != nil else {
                return problem("removal of a name the model lacks", event)
            }
        case let .mkdir(path):
            guard let (parent, name) = locateParent(path) else { return }
            guard let parent else { return problem("mkdir in a missing folder", event) }
            if parent.entries[name] == nil { parent.entries[name] = Node(isDirectory: true) }
        case .syncfs:
            syncAll(rootNode)
        }
    }

    private func problem(_ text: String, _ event: FileSystemJournal.Event) {
        problems.append("\(text): \(event)")
    }

    private func change(_ node: Node, _ c: Change) {
        Self.apply(c, to: &node.data)
        node.unsynced.append(c)
    }

    private static func apply(_ c: Change, to data: inout [UInt8]) {
        switch c {
        case let .write(offset, bytes):
            if data.count < offset + bytes.count { data += [UInt8](repeating: 0, count: offset + bytes.count - data.count) }
            data.replaceSubrange(offset..<offset + bytes.count, with: bytes)
        case let .truncate(length):
            if data.count > length { data.removeSubrange(length...) } else { data += [UInt8](repeating: 0, count: length - data.count) }
        }
    }

    private func sync(_ node: Node) {
        node.durableData = node.data
        node.unsynced = []
        node.durableEntries = node.entries
    }

    private func syncAll(_ node: Node) {
        sync(node)
        for child in node.entries.values { syncAll(child) }
    }

    /// The folder holding `path` and the last name: nil outside the tree; a nil folder
    /// when a folder on the way is missing. The root itself is (root, "").
    private func locateParent(_ path: String) -> (Node?, String)? {
        if path == root { return (rootNode, "") }
        guard path.hasPrefix(root + "/") else { return nil }
        var names = path.dropFirst(root.count + 1).split(separator: "/").map(String.init)
        let last = names.removeLast()
        var node: Node? = rootNode
        for name in names { node = node?.entries[name] }
        return (node?.isDirectory == true ? node : nil, last)
    }

    // MARK: The state after a cut

    /// Every path (relative to the root) that survives a cut now, with its bytes (nil
    /// for a folder).
    func survivors(_ mode: Mode) -> [String: [UInt8]?] {
        var out = [String: [UInt8]?]()
        var random: SeededGenerator?
        if case .partial(let seed) = mode { random = SeededGenerator(seed: seed) }
        collect(rootNode, prefix: "", random: &random, into: &out)
        return out
    }

    private func collect(_ node: Node, prefix: String, random: inout SeededGenerator?, into out: inout [String: [UInt8]?]) {
        var names = node.durableEntries
        if random != nil {
            switch Int.random(in: 0..<3, using: &random!) {
            case 0: break
            case 1: names = node.entries
            default:
                // Name by name: each holds its durable or its current state.
                for name in Set(node.entries.keys).union(node.durableEntries.keys).sorted() where Bool.random(using: &random!) {
                    names[name] = node.entries[name]
                }
            }
        }
        for (name, child) in names.sorted(by: { $0.key < $1.key }) {
            let path = prefix.isEmpty ? name : prefix + "/" + name
            if child.isDirectory {
                out[path] = .some(nil)
                collect(child, prefix: path, random: &random, into: &out)
            } else {
                out[path] = .some(bytes(of: child, random: &random))
            }
        }
    }

    /// A file's bytes after the cut: durable ones, plus in the partial mode a random
    /// subset of the page-sized pieces of its unsynced changes, in a random order.
    private func bytes(of node: Node, random: inout SeededGenerator?) -> [UInt8] {
        guard random != nil, !node.unsynced.isEmpty else { return node.durableData }
        var pieces = [Change]()
        for c in node.unsynced {
            switch c {
            case let .write(offset, bytes):
                var start = 0
                while start < bytes.count {
                    let end = min(bytes.count, (offset + start) / Self.pageSize * Self.pageSize + Self.pageSize - offset)
                    pieces.append(.write(offset: offset + start, bytes: Array(bytes[start..<end])))
                    start = end
                }
            case .truncate:
                pieces.append(c)
            }
        }
        var data = node.durableData
        for piece in pieces.shuffled(using: &random!) where Bool.random(using: &random!) {
            Self.apply(piece, to: &data)
        }
        return data
    }

    /// Writes `survivors` as a folder tree at `path` (replacing what is there).
    static func materialize(_ survivors: [String: [UInt8]?], at path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, bytes) in survivors.sorted(by: { $0.key < $1.key }) {
            let full = path + "/" + name
            if let bytes {
                try Data(bytes).write(to: URL(fileURLWithPath: full))
            } else {
                try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
            }
        }
    }
}
