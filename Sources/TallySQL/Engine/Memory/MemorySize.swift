import Foundation

/// Memory sizes as DuckDB's `memory_limit` reads and prints them: a number and a unit
/// (`'2GB'`, `'512 MiB'`, `'1.5gb'`, `'100KB'`, a bare number of bytes), decimal units
/// powers of 1000 and binary units powers of 1024.
package enum MemorySize {
    static let units: [String: Double] = [
        "": 1, "B": 1, "BYTE": 1, "BYTES": 1,
        "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
        "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12,
        "KIB": 1024, "MIB": 1_048_576, "GIB": 1_073_741_824, "TIB": 1_099_511_627_776,
    ]

    /// The bytes `text` names, or nil if it is not a size.
    package static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let number = trimmed.prefix { $0.isNumber || $0 == "." }
        let unit = trimmed.dropFirst(number.count).trimmingCharacters(in: .whitespaces).uppercased()
        guard let value = Double(number), value >= 0, let scale = units[unit] else { return nil }
        let bytes = value * scale
        guard bytes < 9e18 else { return nil }
        return Int(bytes)
    }

    /// `bytes` as DuckDB prints a setting: one decimal and a binary unit (`1.8 GiB`).
    package static func format(_ bytes: Int) -> String {
        let names = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var u = 0
        while value >= 1024 && u < names.count - 1 { value /= 1024; u += 1 }
        return u == 0 ? "\(bytes) bytes" : String(format: "%.1f %@", value, names[u])
    }
}
