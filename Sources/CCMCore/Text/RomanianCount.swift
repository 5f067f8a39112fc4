/// A count with its noun as Romanian says it: "1 certificat", "3 certificate", "20 de certificate".
public enum RomanianCount {
    /// `one` for 1, else `many`, with "de" where Romanian puts it (20–99, 100, 120, … of each hundred).
    public static func of(_ n: Int, _ one: String, _ many: String) -> String {
        n == 1 ? "1 \(one)" : "\(n) \(takesDe(n) ? "de " : "")\(many)"
    }

    /// The word that agrees with the count: `pick(n, "are", "au")`.
    public static func pick(_ n: Int, _ one: String, _ many: String) -> String { n == 1 ? one : many }

    /// Numbers whose last two digits are 00 or 20–99 (except 0 itself) take "de" before the noun.
    public static func takesDe(_ n: Int) -> Bool { let r = abs(n) % 100; return r >= 20 || (n != 0 && r == 0) }
}
