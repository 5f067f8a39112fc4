/// F01: not well-formed, bytes invalid in the declared encoding, a DOCTYPE, or too large.
/// Found by the XML adapter and the size check; nothing past F01 can be said of such a file.
public enum F01NotWellFormed {
    public static let code = "F01"
    public static let template = MessageTemplate("Fișierul nu este un XML valid: {detaliu} (linia {linie})")

    public static func finding(_ detail: String, line: Int, column: Int? = nil) -> Finding {
        Finding(code: code, severity: .eroare, message: template.render(["detaliu": detail, "linie": "\(line)"]),
                line: line, column: column)
    }
}
