import Foundation

/// A one-line progress display on standard error, shown only on a terminal and only
/// after half a second, so scripts and short runs stay quiet.
final class ProgressLine {
    let total: Int?
    let unit: String
    let enabled = isatty(STDERR_FILENO) == 1
    let start = Date()
    var lastDraw = Date.distantPast
    var drawn = false

    init(total: Int?, unit: String) {
        self.total = total
        self.unit = unit
    }

    /// Reports progress; redraws at most ten times a second.
    func update(_ done: Int, extra: String = "") {
        guard enabled else { return }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= 0.5, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let rate = Double(done) / max(elapsed, 1e-9)
        var line = "\(grouped(done)) \(unit)"
        if let total, total > 0 {
            let left = rate > 0 ? Double(total - done) / rate : 0
            line += " of \(grouped(total)) (\(Int(Double(done) * 100 / Double(total)))%), \(grouped(Int(rate)))/s, \(Int(left)) s left"
        } else {
            line += ", \(grouped(Int(rate)))/s"
        }
        if !extra.isEmpty { line += ", " + extra }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        drawn = true
    }

    /// Clears the line (once: calling it again does nothing until the next draw).
    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }
}
