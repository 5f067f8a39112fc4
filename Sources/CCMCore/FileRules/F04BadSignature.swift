/// F04: a signature does not verify, uses a refused algorithm or reference shape, or there is
/// more than one (found by the signature adapter).
public enum F04BadSignature: FoundRule {
    public static let code = "F04"
    public static let defaultSeverity = Severity.eroare

    public static func finding(_ detail: String) -> Finding { Finding(.badSignature(detail), code: code, severity: defaultSeverity) }
}

extension Finding.Message {
    static func badSignature(_ detail: String) -> Self { Self("Semnătura electronică nu este validă: \(detail)") }
}
