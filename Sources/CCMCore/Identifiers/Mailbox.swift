/// One RFC 5321 mailbox, `local-part@domain` (ASCII dot-atoms, no quoted local part, no
/// address literal): the only form an address from a registry, a document or the command line
/// takes into an e-mail header or an SMTP command.
public struct Mailbox: Hashable, Sendable, CustomStringConvertible {
    public let address: String

    /// Why a text is not one mailbox, in Romanian; the text itself is never quoted (it may
    /// carry line breaks meant for a header).
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty, lineBreak, controlCharacter, angleBracket, severalAddresses, space, nonASCII
        case notOneAt, tooLong, localPartTooLong, localPart, domain

        public var description: String {
            switch self {
            case .empty: return "adresa de e-mail lipsește"
            case .lineBreak: return "adresa de e-mail conține un sfârșit de rând (CR sau LF)"
            case .controlCharacter: return "adresa de e-mail conține un caracter de control"
            case .angleBracket: return "adresa de e-mail conține < sau >: se scrie doar adresa, fără nume afișat"
            case .severalAddresses: return "adresa de e-mail conține virgulă sau punct și virgulă: se acceptă o singură adresă"
            case .space: return "adresa de e-mail conține spații"
            case .nonASCII: return "adresa de e-mail conține caractere în afara ASCII (un domeniu cu diacritice se scrie xn--…)"
            case .notOneAt: return "adresa de e-mail nu are forma nume@domeniu, cu un singur @"
            case .tooLong: return "adresa de e-mail are peste \(Mailbox.maxLength) de caractere"
            case .localPartTooLong: return "partea dinaintea @ a adresei de e-mail are peste \(Mailbox.maxLocalLength) de caractere"
            case .localPart: return "partea dinaintea @ a adresei de e-mail conține caractere nepermise sau puncte nepotrivite"
            case .domain: return "domeniul adresei de e-mail nu este un nume de domeniu (litere, cifre și cratimă, separate prin puncte)"
            }
        }
    }

    public static let maxLength = 254, maxLocalLength = 64

    /// RFC 5322 `atext` besides letters and digits.
    static let atextSymbols = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)

    public init(_ text: String) throws {
        if let problem = Mailbox.problem(text) { throw problem }
        address = text
    }

    /// nil when `text` is one mailbox. Checked on scalars: "\r\n" is one Swift Character.
    public static func problem(_ text: String) -> Problem? {
        let scalars = text.unicodeScalars
        if scalars.isEmpty { return .empty }
        if scalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }) { return .lineBreak }
        if scalars.contains(where: { isControl($0) }) { return .controlCharacter }
        if scalars.contains(where: { $0 == "<" || $0 == ">" }) { return .angleBracket }
        if scalars.contains(where: { $0 == "," || $0 == ";" }) { return .severalAddresses }
        if scalars.contains(where: { $0.properties.isWhitespace }) { return .space }
        if scalars.contains(where: { !$0.isASCII }) { return .nonASCII }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .notOneAt }
        if text.utf8.count > maxLength { return .tooLong }
        let local = parts[0], domain = parts[1]
        if local.utf8.count > maxLocalLength { return .localPartTooLong }
        if !isDotAtom(local) { return .localPart }
        if !isDomain(domain) { return .domain }
        return nil
    }

    public static func isValid(_ text: String) -> Bool { problem(text) == nil }

    /// C0, DEL, C1, and the invisible format characters (bidi overrides, zero-width ones).
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.properties.generalCategory == .format
    }

    static func isDotAtom(_ s: Substring) -> Bool {
        let atoms = s.split(separator: ".", omittingEmptySubsequences: false)
        return atoms.allSatisfy { atom in
            !atom.isEmpty && atom.unicodeScalars.allSatisfy { isAlnum($0) || atextSymbols.contains($0) }
        }
    }

    /// At least two labels of letters, digits and inner hyphens, each 1–63 long; the last not all digits.
    static func isDomain(_ s: Substring) -> Bool {
        let labels = s.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, !last.allSatisfy(\.isASCIIDigit) else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                && label.unicodeScalars.allSatisfy { isAlnum($0) || $0 == "-" }
        }
    }

    static func isAlnum(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }

    public var description: String { address }
}
