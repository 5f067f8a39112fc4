/// The one JSON writer: every JSON ccm writes (ingest's lines, the reports, the findings column), keys
/// in the order the spec shows them (JSONSerialization sorts or scrambles them).
public indirect enum JSON: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

    public static func str(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }

    /// The one shape of an error in every JSON output (`04-outputs.md` §3): code, severity and
    /// message, with line and column only where known.
    public static func error(_ f: Finding) -> JSON {
        var fields: [(String, JSON)] = [("code", .string(f.code)), ("severity", .string(f.severity.rawValue)),
                                        ("message", .string(f.message))]
        if let l = f.line { fields.append(("line", .int(l))) }
        if let c = f.column { fields.append(("column", .int(c))) }
        return .object(fields)
    }

    public func serialized() -> String {
        var out = ""
        write(&out)
        return out
    }

    func write(_ out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += "\(i)"
        case .string(let s): JSON.quote(s, to: &out)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() { if i > 0 { out += ", " }; v.write(&out) }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, (k, v)) in o.enumerated() {
                if i > 0 { out += ", " }
                JSON.quote(k, to: &out); out += ": "; v.write(&out)
            }
            out += "}"
        }
    }

    /// A string literal (RFC 8259 §7: quote, backslash and control characters escaped).
    static func quote(_ s: String, to out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
