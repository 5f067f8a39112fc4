/// Text that came from outside (a file name, a registry or certificate name, a library's
/// message) made safe to repeat in a line a person reads: control characters are written
/// out (a newline cannot forge a second log line, an escape cannot redraw the terminal) and
/// an overlong value is cut.
public enum ReflectedText {
    public static func escaped(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            guard isControl(u) else { out.unicodeScalars.append(u); continue }
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// `escaped`, and at most `limit` characters (then "…").
    public static func short(_ s: String, limit: Int = 120) -> String {
        let e = escaped(s)
        return e.count <= limit ? e : String(e.prefix(limit)) + "…"
    }

    /// A value of a file ccm was given, as a message to the operator quotes it: escaped, at most
    /// 40 characters, and a run of 13 digits (a CNP in the wrong column) masked as C01 masks it.
    public static func quoted(_ s: String) -> String {
        var out = "", digits = ""
        func flush() {
            out += digits.count == 13 ? String(digits.prefix(1)) + String(repeating: "*", count: 11) + String(digits.suffix(1)) : digits
            digits = ""
        }
        for c in s { if c.isASCII && c.isNumber { digits.append(c) } else { flush(); out.append(c) } }
        flush()
        return "„" + short(out, limit: 40) + "”"
    }

    public static func hasControl(_ s: String) -> Bool { s.unicodeScalars.contains(where: isControl) }

    /// C0, DEL, C1, and the Unicode line and paragraph separators and bidi overrides.
    static func isControl(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
