/// F06: the signer is not enrolled, or not active, for the provider's CUI at receipt (found by
/// the enrolment check).
public enum F06NotEnrolled: FoundRule {
    public static let code = "F06"
    public static let defaultSeverity = Severity.eroare

    public static func finding(nume: String, cui: String) -> Finding {
        Finding(.notEnrolled(signer: nume, cui: cui), code: code, severity: defaultSeverity)
    }
}

extension Finding.Message {
    /// The operator reads who signed; the public table does not name the person.
    static func notEnrolled(signer: String, cui: String) -> Self {
        Self("Semnatarul \(signer) nu are drept de raportare pentru CUI \(cui)",
             public: "Semnatarul nu are drept de raportare pentru CUI \(cui)")
    }
}
