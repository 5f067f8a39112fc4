/// Fixed-width numerals read byte by byte. `[0-9]` only, as `Character.isASCIIDigit` says: a
/// digit of another script, or one with a combining mark, is not an ASCII byte and fails.
/// (The same check by `Character` — grapheme breaking, Unicode properties — cost ~12,000
/// instructions per date and ~25,000 per CNP: a few of each per certificate, on the hot path.)
enum ASCIIDigits {
    /// The digits of `text` in order when it has exactly `count` bytes, each `0`–`9` except
    /// where `separators` names the byte expected; nil otherwise.
    static func read(_ text: String, count: Int, separators: [Int: UInt8] = [:]) -> [Int]? {
        let bytes = text.utf8
        guard bytes.count == count else { return nil }
        var digits: [Int] = []
        digits.reserveCapacity(count)
        for (i, b) in bytes.enumerated() {
            if let sep = separators[i] {
                guard b == sep else { return nil }
            } else {
                guard b >= 0x30, b <= 0x39 else { return nil }
                digits.append(Int(b - 0x30))
            }
        }
        return digits
    }

    /// The number the digits `d[range]` write.
    static func number(_ d: [Int], _ range: Range<Int>) -> Int { d[range].reduce(0) { $0 * 10 + $1 } }
}
