import ArgumentParser
import Foundation

/// The help of `ccm` and its subcommands, in Romanian from the first line to the last.
/// ArgumentParser's own help has English headings and boilerplate it cannot translate; its
/// description of the commands (the versioned JSON of `--experimental-dump-help`) holds every
/// abstract, option and default, so the help is written from that instead.
enum RomanianHelp {
    struct Name: Decodable { var kind: String; var name: String }
    struct Argument: Decodable {
        var kind: String
        var shouldDisplay: Bool?
        var sectionTitle: String?
        var isOptional: Bool?
        var isRepeating: Bool?
        var names: [Name]?
        var valueName: String?
        var defaultValue: String?
        var abstract: String?
        var discussion: String?
    }
    struct Command: Decodable {
        var commandName: String
        var aliases: [String]?
        var shouldDisplay: Bool?
        var abstract: String?
        var discussion: String?
        var subcommands: [Command]?
        var arguments: [Argument]?
    }
    struct Dump: Decodable { var command: Command }

    static let helpLine = "Afișează acest ajutor."
    static let helpCommandAbstract = "Ajutorul unei subcomenzi (la fel ca ccm SUBCOMANDĂ --help)."

    /// The commands of `ccm` as ArgumentParser sees them; nil only if its dump could not be read.
    static func root() -> Command? {
        try? JSONDecoder().decode(Dump.self, from: Data(CCM._dumpHelp().utf8)).command
    }

    /// The command path the arguments ask help for, or nil when they ask for something else:
    /// `-h`/`--help` anywhere before `--`, `ccm help [SUB…]`, no arguments, or a group of
    /// subcommands given none.
    static func requested(_ args: [String], root: Command) -> [Command]? {
        var path = [root]
        var rest = Array(args.prefix(while: { $0 != "--" }))
        var asked = rest.contains("-h") || rest.contains("--help")
        if rest.first == "help" { asked = true; rest.removeFirst() }
        var leftover = false
        for token in rest {
            if let next = path.last?.subcommands?.first(where: { $0.commandName == token || ($0.aliases ?? []).contains(token) }) {
                path.append(next)
            } else {
                leftover = true
                break
            }
        }
        if !leftover && !(path.last?.subcommands ?? []).isEmpty && (path.count > 1 || args.isEmpty) { asked = true }
        return asked ? path : nil
    }

    /// The subcommand path the arguments name, as typed (`ccm db explain`), for an error's hint.
    static func commandLine(_ args: [String]) -> String {
        guard let root = root() else { return "ccm" }
        var path = [root]
        for token in args.prefix(while: { $0 != "--" }) {
            guard let next = path.last?.subcommands?.first(where: { $0.commandName == token }) else { continue }
            path.append(next)
        }
        return path.map(\.commandName).joined(separator: " ")
    }

    static func render(_ path: [Command], width: Int = RomanianHelp.columns()) -> String {
        guard let command = path.last else { return "" }
        let name = path.map(\.commandName).joined(separator: " ")
        var out: [String] = []
        if let a = command.abstract, !a.isEmpty { out += wrap(a, width: width, indent: 0) + [""] }
        if let d = command.discussion, !d.isEmpty { out += wrap(d, width: width, indent: 0) + [""] }
        let arguments = (command.arguments ?? []).filter { $0.shouldDisplay ?? true }
        let subcommands = (command.subcommands ?? []).filter { $0.shouldDisplay ?? true }
        out += wrap("UTILIZARE: " + usage(name, arguments, hasSubcommands: !subcommands.isEmpty), width: width, indent: 11, first: 0) + [""]

        let positional = arguments.filter { $0.kind == "positional" }
        if !positional.isEmpty {
            out.append("ARGUMENTE:")
            for a in positional { out += row(label(a), describe(a), width: width) }
            out.append("")
        }
        // The command's own options first, then each group under its title, in declaration order.
        let named = arguments.filter { $0.kind != "positional" && !isHelp($0) }
        out.append("OPȚIUNI:")
        for a in named where (a.sectionTitle ?? "").isEmpty { out += row(label(a), describe(a), width: width) }
        out += row("-h, --help", helpLine, width: width)
        out.append("")
        var titles: [String] = []
        for a in named { if let t = a.sectionTitle, !t.isEmpty, !titles.contains(t) { titles.append(t) } }
        for t in titles {
            out.append(t.uppercased() + ":")
            for a in named where a.sectionTitle == t { out += row(label(a), describe(a), width: width) }
            out.append("")
        }
        if !subcommands.isEmpty {
            out.append("SUBCOMENZI:")
            for s in subcommands {
                out += row(s.commandName, s.commandName == "help" && path.count == 1 ? helpCommandAbstract : s.abstract ?? "", width: width)
            }
            out.append("")
            out += wrap("Ajutorul unei subcomenzi: \(name) SUBCOMANDĂ --help.", width: width, indent: 0)
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n")
    }

    static func isHelp(_ a: Argument) -> Bool {
        (a.names ?? []).contains { $0.kind == "long" && $0.name == "help" }
    }

    static func usage(_ name: String, _ arguments: [Argument], hasSubcommands: Bool) -> String {
        var parts = [name]
        for a in arguments where a.kind != "positional" && !(a.isOptional ?? true) && !isHelp(a) { parts.append(label(a)) }
        if arguments.contains(where: { $0.kind != "positional" && ($0.isOptional ?? true) }) { parts.append("[opțiuni]") }
        for a in arguments where a.kind == "positional" {
            parts.append((a.isOptional ?? false) ? "[\(label(a))]" : label(a))
        }
        if hasSubcommands { parts.append("SUBCOMANDĂ") }
        return parts.joined(separator: " ")
    }

    /// What a value is, for the values named after their option (`--luna <luna>`): `--luna <aaaa-ll>`.
    static let placeholders = [
        "luna": "aaaa-ll", "as-of": "moment", "compare-to": "moment", "at": "moment", "received-at": "moment",
        "output": "fișier", "inbox": "dosar", "dry-run": "dosar", "publish": "dosar", "workers": "n",
        "settle-seconds": "secunde", "paths": "cale", "files": "fișier", "format": "format", "rol": "rol",
        "cui": "cui", "cnp": "cnp", "nume": "nume", "email": "adresă", "serie": "serie", "numar": "număr",
    ]

    static func label(_ a: Argument) -> String {
        let name = a.valueName ?? "valoare"
        let value = "<\(placeholders[name] ?? name)>" + ((a.isRepeating ?? false) ? " …" : "")
        if a.kind == "positional" { return value }
        let names = (a.names ?? []).sorted { $0.kind == "short" && $1.kind != "short" }
            .map { ($0.kind == "long" ? "--" : "-") + $0.name }.joined(separator: ", ")
        return a.kind == "option" ? names + " " + value : names
    }

    static func describe(_ a: Argument) -> String {
        var text = [a.abstract, a.discussion].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        if a.kind == "option", let d = a.defaultValue, !d.isEmpty { text += " (implicit: \(d))" }
        return text
    }

    /// A label and its description: the description in a column, or on the next line below a long label.
    static func row(_ label: String, _ text: String, width: Int) -> [String] {
        let column = 28
        let lead = "  " + label
        let body = wrap(text, width: width, indent: column)
        guard let first = body.first else { return [lead] }
        if lead.count + 2 <= column {
            return [lead.padding(toLength: column, withPad: " ", startingAt: 0) + first.dropFirst(column)] + body.dropFirst()
        }
        return [lead] + body
    }

    /// Words filled into lines of `width`, each indented by `indent` spaces.
    static func wrap(_ text: String, width: Int, indent: Int, first: Int? = nil) -> [String] {
        var lines: [String] = []
        var line = ""
        func pad() -> String { String(repeating: " ", count: lines.isEmpty ? first ?? indent : indent) }
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if !line.isEmpty && pad().count + line.count + 1 + word.count > width {
                lines.append(pad() + line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(pad() + line) }
        return lines
    }

    /// The terminal's width when standard output is one, else 80.
    static func columns() -> Int {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 else { return 80 }
        return Int(size.ws_col)
    }
}
