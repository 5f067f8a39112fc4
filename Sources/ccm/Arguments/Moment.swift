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
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: argument) { text = argument; date = d; return }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let d = f.date(from: argument) else { return nil }
        text = argument; date = d
    }

    /// Why a text is no moment, as every command has said it.
    static func refusal(_ text: String, option: String) -> String {
        "\(option) \(text): se așteaptă o dată ISO 8601 cu fus orar, de exemplu 2026-11-10T10:00:00+02:00"
    }
}
