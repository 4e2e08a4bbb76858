#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import Tally

/// The loop of the fault-injection harnesses beyond the store's: every operation the
/// seam can fail, with each errno and (for writes) as a short write, at every position
/// (skip count) until the action no longer makes that many calls of the operation (or
/// `maxSkip`). A site whose call is among the first `maxSkip` of its operation is thus
/// failed once by each rule (`SeamCoverageTests` counts them).
enum FaultSweep {
    /// The errnos tried at every operation: a full disk and a failing one.
    static let errnos: [Int32] = [ENOSPC, EIO]
    /// The most skips tried per rule.
    static let maxSkip = FaultInjectionTests.maxSkip

    /// Figures of one sweep, for the report.
    struct Figures: CustomStringConvertible {
        var runs = 0, faultsThrown = 0, shortWrites = 0
        var description: String { "\(runs) runs, \(faultsThrown) faults thrown (\(shortWrites) short writes), each retried" }
    }

    /// The rules tried at each skip: one per errno, and for writes a short write too
    /// (half the bytes land, then ENOSPC, as when a disk fills up in mid-write).
    static func rules(_ op: FaultInjector.Operation, skip: Int, errnos: [Int32] = errnos) -> [FaultInjector.Rule] {
        var rules = errnos.map { FaultInjector.Rule(operation: op, errno: $0, skip: skip) }
        if op == .write { rules.append(FaultInjector.Rule(operation: .write, errno: ENOSPC, skip: skip, shortWrite: true)) }
        return rules
    }

    /// Calls `trial` with an injector holding each rule, and a description of it; `trial`
    /// returns whether the action under test threw.
    static func run(_ trial: (FaultInjector, FaultInjector.Rule, String) throws -> Bool) -> Figures {
        var figures = Figures()
        for op in FaultInjector.Operation.allCases {
            for variant in rules(op, skip: 0).indices {
                for skip in 0...maxSkip {
                    let rule = rules(op, skip: skip)[variant]
                    let injector = FaultInjector([rule])
                    figures.runs += 1
                    let context = "\(op) errno \(rule.errno)\(rule.shortWrite ? " (short write)" : "") skip \(skip)"
                    do {
                        if try trial(injector, rule, context) {
                            figures.faultsThrown += 1
                            if rule.shortWrite { figures.shortWrites += 1 }
                        }
                    } catch {
                        // A check (or a retry) threw: say which trial, and go on with the next.
                        Issue.record("\(context): \(error) (faults injected: \(injector.injected.map { "\($0.operation) \($0.path) at \($0.site)" }))")
                    }
                    // No fault met: the action makes at most `skip` calls of `op`.
                    if injector.injected.isEmpty { break }
                }
            }
        }
        return figures
    }

    /// Checks that `error` says what failed and where: it names the path the injected
    /// fault hit and the errno's message, and it is one of the `expected` types.
    static func expectClear(_ error: any Error, injector: FaultInjector, errno code: Int32, expected: [any Error.Type],
                            context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = "\(error)"
        #expect(expected.contains { type(of: error) == $0 }, "\(context): unexpected error type \(type(of: error)): \(text)",
                sourceLocation: sourceLocation)
        #expect(text.contains(String(cString: strerror(code))), "\(context): the error does not say what failed: \(text)",
                sourceLocation: sourceLocation)
        guard let fault = injector.injected.first else {
            Issue.record("\(context): threw without an injected fault: \(text)", sourceLocation: sourceLocation)
            return
        }
        #expect(text.contains(fault.path), "\(context): the error does not name \(fault.path) (hit at \(fault.site)): \(text)",
                sourceLocation: sourceLocation)
    }

    /// A fresh copy of the folder `template` at `path`.
    static func copy(_ template: String, to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: template, toPath: path)
    }

    /// The names under a folder, recursively, sorted (empty if it does not exist).
    static func tree(_ path: String) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []).sorted()
    }
}
