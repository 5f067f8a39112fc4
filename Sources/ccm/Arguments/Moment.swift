import ArgumentParser
import CCMCore
import Foundation

/// A moment given on the command line (`--as-of`, `--at`, `--compare-to`, `--received-at`):
/// ISO 8601 with an offset, `2026-11-10T10:00:00+02:00`; the text is kept for the messages.
struct Moment: ExpressibleByArgument {
    let text: String
    let date: Date

    init?(argument: String) {
        if let seconds = InternetTime.seconds(argument) {
            text = argument; date = Date(timeIntervalSince1970: TimeInterval(seconds)); return
        }
        // The formatter reads a moment at the start of a text and ignores what follows ("…+02:00junk",
        // a CRLF and a header): only the characters of RFC 3339 are taken.
        guard argument.unicodeScalars.allSatisfy({ Moment.alphabet.contains($0) }) else { return nil }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: argument) { text = argument; date = d; return }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let d = f.date(from: argument) else { return nil }
        text = argument; date = d
    }

    private static let alphabet = Set("0123456789-:.+TtZz".unicodeScalars)

    /// Why a text is no moment, as every command has said it (control characters written out and a
    /// long text cut: the refusal stays one line).
    static func refusal(_ text: String, option: String) -> String {
        "\(option) \(ReflectedText.short(text)): se așteaptă o dată ISO 8601 cu fus orar, de exemplu 2026-11-10T10:00:00+02:00"
    }
}
