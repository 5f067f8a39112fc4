/// F01: not well-formed, bytes invalid in the declared encoding, a DOCTYPE, or too large.
/// Found by the XML adapter and the size check; nothing past F01 can be said of such a file.
public enum F01NotWellFormed: FoundRule {
    public static let code = "F01"
    public static let defaultSeverity = Severity.eroare

    public static func finding(_ detail: String, line: Int, column: Int? = nil) -> Finding {
        Finding(.notWellFormed(detail, line: line), code: code, severity: defaultSeverity, line: line, column: column)
    }
}

extension Finding.Message {
    static func notWellFormed(_ detail: String, line: Int) -> Self {
        Self("Fișierul nu este un XML valid: \(detail) (linia \(line))")
    }
}
