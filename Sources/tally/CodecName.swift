import ArgumentParser
import Tally

/// The `--codec` values, by name. The argument parser shows a raw-valued enum's raw
/// values in help and errors (`Codec`'s are the on-disk numbers 0, 1, 2), so the CLI
/// names the codecs with an enum of its own whose raw values are the names.
enum CodecName: String, CaseIterable, ExpressibleByArgument {
    case none, lz4, zstd

    /// The store's codec of this name.
    var codec: Codec {
        switch self {
        case .none: return .none
        case .lz4: return .lz4
        case .zstd: return .zstd
        }
    }
}
