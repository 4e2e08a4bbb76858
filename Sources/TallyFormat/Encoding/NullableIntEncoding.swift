import TallySystem
/// Encoding of a nullable integer column chunk.
///
/// | tag | body                                                          |
/// |-----|---------------------------------------------------------------|
/// | 0   | no nulls: the values as an integer sequence                   |
/// | 1   | all null                                                      |
/// | 2   | validity (0/1) as an integer sequence, then the non-null      |
/// |     | values as an integer sequence                                 |
package enum NullableIntEncoding {
    /// Encodes a chunk from its validity flags (1 = present) and its non-null values,
    /// the values in `form` (a varint form for a writer that compresses them with
    /// Zstandard; the validity is always lightweight: runs).
    package static func encode(
        validity: UnsafeBufferPointer<Int64>, values: [Int64], nullCount: Int,
        form: IntegerEncoding.Form = .lightweight, into out: inout ByteWriter
    ) {
        func put(_ v: [Int64]) { IntegerEncoding.encode(v, form: form, into: &out) }
        if nullCount == 0 {
            out.write(0)
            put(values)
        } else if nullCount == validity.count {
            out.write(1)
        } else {
            out.write(2)
            IntegerEncoding.encode(validity, into: &out)
            put(values)
        }
    }

    /// Decodes `count` rows into `values` (0 where null) and `validity` (1 = present).
    package static func decode(
        _ reader: inout ByteReader, count: Int, values: UnsafeMutablePointer<Int64>,
        validity: UnsafeMutablePointer<UInt8>, scratch: inout [Int64]
    ) throws(FormatError) {
        let tag = try reader.readByte()
        switch tag {
        case 0:
            try IntegerEncoding.decode(&reader, count: count, into: values)
            validity.update(repeating: 1, count: count)
        case 1:
            values.update(repeating: 0, count: count)
            validity.update(repeating: 0, count: count)
        case 2:
            if scratch.count < count { scratch = [Int64](repeating: 0, count: count) }
            try scratch.withUnsafeMutableBufferPointer { (s) throws(FormatError) in
                let flags = s.baseAddress!
                try IntegerEncoding.decode(&reader, count: count, into: flags)
                var present = 0
                for i in 0..<count {
                    let f = flags[i]
                    guard f == 0 || f == 1 else { throw .malformed("validity flag \(f)") }
                    validity[i] = UInt8(f)
                    present += Int(f)
                }
                // Decode the present values into the tail of `values`, then spread them.
                try IntegerEncoding.decode(&reader, count: present, into: values + (count - present))
                var src = count - present
                for i in 0..<count {
                    if validity[i] == 1 { values[i] = values[src]; src += 1 } else { values[i] = 0 }
                }
            }
        default:
            throw .malformed("unknown nullable integer encoding \(tag)")
        }
    }
}
