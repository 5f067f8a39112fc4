/// Fixed-width numerals read byte by byte. `[0-9]` only, as `Character.isASCIIDigit` says: a
/// digit of another script, or one with a combining mark, is not an ASCII byte and fails.
/// (Bytes, not `Character`s: grapheme breaking and Unicode properties are dear on the hot path,
/// a few dates and a CNP per certificate.)
enum ASCIIDigits {
    /// The digits of `text` in order when it has the form of `pattern` byte for byte — `d` a
    /// digit `0`–`9`, any other byte itself (`"dddd-dd-dd"`); nil otherwise.
    static func read(_ text: String, pattern: StaticString) -> [Int]? {
        read(text, pattern: pattern) { Array($0) }
    }

    /// The same digits handed to `body` from the stack (a date costs no array), or nil.
    static func read<R>(_ text: String, pattern: StaticString, _ body: (UnsafeBufferPointer<Int>) -> R?) -> R? {
        guard text.utf8.count == pattern.utf8CodeUnitCount else { return nil }
        var text = text
        // The bytes in place, indexed: iterating the UTF-8 view costs more than the check itself.
        return text.withUTF8 { bytes in pattern.withUTF8Buffer { form -> R? in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: form.count) { digits -> R? in
                var n = 0
                for i in 0..<form.count {
                    let b = bytes[i], f = form[i]
                    if f == UInt8(ascii: "d") {
                        guard b >= 0x30, b <= 0x39 else { return nil }
                        digits[n] = Int(b - 0x30)
                        n += 1
                    } else if b != f {
                        return nil
                    }
                }
                return body(UnsafeBufferPointer(rebasing: digits[..<n]))
            }
        } }
    }

    /// The number the digits `d[range]` write.
    static func number<D: RandomAccessCollection>(_ d: D, _ range: Range<Int>) -> Int where D.Element == Int, D.Index == Int {
        d[range].reduce(0) { $0 * 10 + $1 }
    }
}
