import Foundation
import Testing
import Tally
import TallyTestSupport

/// Exports under injected faults: every seam call of an export (reading the store's
/// parts, writing the output) fails in turn. The export must throw a typed error naming
/// the path the fault hit and leave nothing under the output's name (no half file, no
/// partial Parquet tree, no temporary file); retried, it must write exactly what a clean
/// export writes; the store must be unchanged.
extension FaultInjectionTests {
    /// The outputs swept: a CSV file and a Parquet tree (a file per project and month).
    enum ExportOutput: String, CaseIterable {
        case csv, parquet
    }

    /// The exporter's options for `kind`.
    static func exportOptions(_ kind: ExportOutput) -> Exporter.Options {
        var options = Exporter.Options()
        options.format = kind == .csv ? .csv : .parquet
        return options
    }

    /// Every file under `path` (itself, for a file) with its bytes, by relative path;
    /// empty when nothing is there.
    static func outputFiles(_ path: String) throws -> [String: Data] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [:] }
        guard isDirectory.boolValue else { return ["": try Data(contentsOf: URL(fileURLWithPath: path))] }
        var files = [String: Data]()
        for name in FaultSweep.tree(path) {
            var sub: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &sub), !sub.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))
            }
        }
        return files
    }

    /// Exports the store at `storePath` (opened read-only through `fileSystem`) to `out`.
    static func exportOnce(_ storePath: String, to out: String, _ kind: ExportOutput, fileSystem: FileSystem) throws {
        let store = try openForFaults(storePath, fileSystem: fileSystem, readOnly: true)
        _ = try Exporter(store: store).exportFile(out, options: exportOptions(kind))
        try store.close()
    }

    @Test(arguments: ExportOutput.allCases)
    func exportFaultsLeaveNothingPartial(_ kind: ExportOutput) throws {
        let dir = try ScratchDirectory(prefix: "tally-faults-export")
        defer { dir.remove() }
        let template = dir.path + "/store"
        let base = try Self.makeBase(at: template, parquetCosts: true)
        try Self.exportOnce(template, to: dir.path + "/reference", kind, fileSystem: FileSystem())
        let expected = try Self.outputFiles(dir.path + "/reference")
        #expect(expected.count >= (kind == .csv ? 1 : 6))
        let out = dir.path + "/out"
        let figures = FaultSweep.run { injector, rule, context in
            try? FileManager.default.removeItem(atPath: out)
            // The store is opened read-only: the trials share it, and it must stay as it is.
            let store: Store
            do {
                store = try Self.openForFaults(template, fileSystem: FileSystem(faults: injector), readOnly: true)
            } catch {
                FaultSweep.expectClear(error, injector: injector, errno: rule.errno, expected: [StorageError.self], context: context)
                return true
            }
            let exporter = Exporter(store: store)
            var thrown = false
            do {
                _ = try exporter.exportFile(out, options: Self.exportOptions(kind))
            } catch {
                thrown = true
                FaultSweep.expectClear(error, injector: injector, errno: rule.errno, expected: [ExportError.self, StorageError.self],
                                       context: context)
                let left = FaultSweep.tree(dir.path).filter { $0.hasPrefix("out") }
                #expect(left.isEmpty, "\(context): \(left) left behind by \(error)")
                _ = try exporter.exportFile(out, options: Self.exportOptions(kind))
            }
            try store.close()
            #expect(try Self.outputFiles(out) == expected, "\(context): the export differs from a clean one")
            return thrown
        }
        #expect(figures.faultsThrown > 0)
        #expect(try StoreContents(storeAt: template) == base)
        ReliabilityBudget.report("faults export \(kind): \(figures)")
    }
}
