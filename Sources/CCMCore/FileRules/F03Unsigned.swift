/// F03: no signature, neither enveloped nor `.p7s` (found by the signature adapter).
public enum F03Unsigned: FoundRule {
    public static let code = "F03"
    public static let defaultSeverity = Severity.eroare

    public static func finding() -> Finding { Finding(.unsigned, code: code, severity: defaultSeverity) }
}

extension Finding.Message {
    static let unsigned = Self("Raportarea nu este semnată electronic")
}
