import Foundation

/// ArgumentParser's usage errors (an unknown option, a missing value…) as one Romanian line;
/// a message it may add later, which this does not know, keeps its English after a Romanian lead.
enum UsageErrorText {
    static let patterns: [(String, @Sendable (Match) -> String)] = [
        (#"^Unknown option '([^']*)'\. Did you mean '([^']*)'\?$"#, { "opțiune necunoscută: \($0[1]) (poate \($0[2])?)" }),
        (#"^Unknown option '([^']*)'$"#, { "opțiune necunoscută: \($0[1])" }),
        (#"^Invalid option: (.*)$"#, { "opțiune greșită: \($0[1])" }),
        (#"^Missing value for '([^']*)'$"#, { "lipsește valoarea opțiunii \($0[1])" }),
        (#"^Missing expected argument '(-[^']*)'$"#, { "lipsește opțiunea obligatorie \($0[1])" }),
        (#"^Missing expected argument '([^']*)'$"#, { "lipsește argumentul \($0[1])" }),
        (#"^Missing one of: (.*)$"#, { "lipsește una dintre: \($0[1])" }),
        (#"^Missing required subcommand\.?$"#, { _ in "lipsește subcomanda" }),
        (#"^Unexpected argument '(.*)'$"#, { "argument neașteptat: '\($0[1])'" }),
        (#"^(\d+) unexpected arguments: (.*)$"#, { "\($0[1]) argumente neașteptate: \($0[2])" }),
        (#"^The value '(.*)' is invalid for '([^']*)'"#, { "valoarea '\($0[1])' nu este potrivită pentru \($0[2])" }),
        (#"^The value '(.*)' is invalid"#, { "valoarea '\($0[1])' nu este potrivită" }),
        (#"^The option '([^']*)' does not take any value"#, { "opțiunea \($0[1]) nu primește o valoare" }),
        (#"^Value to be set with (.*) had already been set with (.*)$"#, { "o opțiune este dată de două ori: \($0[1]), după \($0[2])" }),
    ]

    struct Match {
        let groups: [String]
        subscript(_ i: Int) -> String { i < groups.count ? groups[i] : "" }
    }

    /// `message`: ArgumentParser's `message(for:)`; `command`: the subcommand typed, for the hint.
    static func romanian(_ message: String, command: String) -> String {
        let hint = "; vedeți \(command) --help"
        let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        for (pattern, make) in patterns {
            guard let re = try? NSRegularExpression(pattern: pattern),
                  let m = re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { continue }
            let groups = (0..<m.numberOfRanges).map { i in Range(m.range(at: i), in: text).map { String(text[$0]) } ?? "" }
            return placeholders(make(Match(groups: groups))) + hint
        }
        // Ours (a ValidationError of a command) are Romanian already; anything else keeps its English after.
        return "comandă greșită: " + text + hint
    }

    /// `--luna <luna>` as the help writes it: `--luna <aaaa-ll>`.
    static func placeholders(_ text: String) -> String {
        var text = text
        for (name, placeholder) in RomanianHelp.placeholders { text = text.replacingOccurrences(of: "<\(name)>", with: "<\(placeholder)>") }
        return text
    }
}
