/// F05: the signer's certificate is untrusted, out of its validity, revoked or without the
/// required key usage at receipt (found by the signature adapter).
public enum F05SignerCertificate: FoundRule {
    public static let code = "F05"
    public static let defaultSeverity = Severity.eroare

    /// `publicDetail`: the same without the holder's name, for the public table.
    public static func finding(_ detail: String, publicDetail: String? = nil) -> Finding {
        Finding(.signerCertificateRefused(detail, publicDetail: publicDetail), code: code, severity: defaultSeverity)
    }
}

extension Finding.Message {
    static func signerCertificateRefused(_ detail: String, publicDetail: String?) -> Self {
        func words(_ d: String) -> String { "Certificatul semnatarului nu este acceptat: \(d)" }
        return Self(words(detail), public: publicDetail.map(words))
    }
}
