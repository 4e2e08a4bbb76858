#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text that is equal to other text, and hashes alike, only when their UTF-8 bytes are the
/// same: the key of every table of stored or queried values.
///
/// Swift's `String` equates canonically equivalent text of other bytes ("é" as one code
/// point and "e" followed by U+0301) and hashes it alike. Two such ids are two values to
/// the store, which keeps the bytes it was given, and to SQL, which compares text by its
/// bytes as DuckDB does: a table keyed by `String` merged them into one group, one
/// dictionary code or one IN-list hit.
package struct ExactText: Hashable, Sendable {
    /// The text.
    package var value: String

    /// `value` as a key compared by bytes.
    @inline(__always)
    package init(_ value: String) { self.value = value }

    /// Whether the UTF-8 bytes are the same.
    package static func == (a: ExactText, b: ExactText) -> Bool {
        ExactText.sameBytes(a.value, b.value)
    }

    /// Hashes the UTF-8 bytes.
    package func hash(into hasher: inout Hasher) {
        var s = value
        s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Whether `a` and `b` have the same UTF-8 bytes.
    @inline(__always)
    package static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var x = a, y = b
        return x.withUTF8 { px in
            y.withUTF8 { py in px.isEmpty || memcmp(px.baseAddress!, py.baseAddress!, px.count) == 0 }
        }
    }
}
