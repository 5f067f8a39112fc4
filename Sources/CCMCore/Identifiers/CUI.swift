/// The fiscal code of a legal entity (CUI / CIF): optional `RO` prefix, 2–10 digits, the
/// last one a control digit over the key 753217532.
public struct CUI: Hashable, Sendable, CustomStringConvertible {
    /// The digits, without the `RO` prefix: the form the registry and database key on.
    public let digits: String

    /// Accepts the syntax (`RO` prefix optional); the control digit is checked separately,
    /// because a wrong one is a business error, not a parse error.
    public init?(_ text: String) {
        var body = Substring(text)
        if body.hasPrefix("RO") { body = body.dropFirst(2) }
        guard (2...10).contains(body.count), body.allSatisfy(\.isASCIIDigit) else { return nil }
        digits = String(body)
    }

    public var hasValidControlDigit: Bool { CUI.controlDigit(of: digits.dropLast()) == digits.last?.wholeNumberValue }

    /// Pads the body to 9 digits on the left, weights 7 5 3 2 1 7 5 3 2, sum × 10 mod 11, 10 → 0.
    public static func controlDigit<S: StringProtocol>(of body: S) -> Int? {
        let values = body.compactMap(\.wholeNumberValue)
        guard values.count == body.count, values.count <= 9 else { return nil }
        let padded = Array(repeating: 0, count: 9 - values.count) + values
        let key = [7, 5, 3, 2, 1, 7, 5, 3, 2]
        let sum = zip(padded, key).reduce(0) { $0 + $1.0 * $1.1 }
        let r = sum * 10 % 11
        return r == 10 ? 0 : r
    }

    public var description: String { digits }
}
