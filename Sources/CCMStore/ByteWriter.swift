/// Bytes written at the end of a buffer that grows by doubling, each value (its type, its length,
/// its bytes) stored through one pointer access: an `Array`'s append of a byte at a time checks
/// its uniqueness and capacity at every byte, on the path every certificate's row takes. A value
/// type: its buffer is an `Array`, copied on write like any other.
struct ByteWriter {
    /// The buffer; its bytes past `count` are room, not content.
    private var storage: [UInt8]
    private(set) var count = 0

    init(capacity: Int = 0) {
        storage = Array(repeating: 0, count: max(capacity, 64))
    }

    /// A value: its type's oid (a record's field; none in an array of one type), its length
    /// (-1: NULL), a version byte (a jsonb's) and its bytes.
    mutating func value(type: Int32?, length: Int32, version: UInt8? = nil, _ body: UnsafeRawBufferPointer) {
        let size = (type == nil ? 4 : 8) + (version == nil ? 0 : 1) + body.count
        reserve(size)
        let at = count
        storage.withUnsafeMutableBytes { raw in
            var o = at
            if let type { raw.storeBytes(of: UInt32(bitPattern: type).bigEndian, toByteOffset: o, as: UInt32.self); o += 4 }
            raw.storeBytes(of: UInt32(bitPattern: length).bigEndian, toByteOffset: o, as: UInt32.self); o += 4
            if let version { raw[o] = version; o += 1 }
            if body.count > 0 { UnsafeMutableRawBufferPointer(rebasing: raw[o..<o + body.count]).copyMemory(from: body) }
        }
        count += size
    }

    /// A big-endian 32-bit word.
    mutating func word(_ v: Int32) {
        reserve(4)
        let at = count
        storage.withUnsafeMutableBytes { $0.storeBytes(of: UInt32(bitPattern: v).bigEndian, toByteOffset: at, as: UInt32.self) }
        count += 4
    }

    /// A word written earlier, set now (a record's length, known at its end).
    mutating func set(_ v: Int32, at offset: Int) {
        precondition(offset >= 0 && offset + 4 <= count, "a word already written")
        storage.withUnsafeMutableBytes { $0.storeBytes(of: UInt32(bitPattern: v).bigEndian, toByteOffset: offset, as: UInt32.self) }
    }

    /// The bytes written, at the end of `out`.
    func write(to out: inout [UInt8]) { out.append(contentsOf: storage[..<count]) }

    private mutating func reserve(_ n: Int) {
        if count + n > storage.count { storage.append(contentsOf: repeatElement(0, count: max(count + n, 2 * storage.count) - storage.count)) }
    }
}
