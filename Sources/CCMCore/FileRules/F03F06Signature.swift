import Foundation

/// F03–F06: the signature findings, produced by the signature adapter and the enrolment check
/// (their severity is fixed: a document that fails them is refused).
public enum F03Unsigned {
    public static let code = "F03"
    public static let template = MessageTemplate("Raportarea nu este semnată electronic")
    public static func finding() -> Finding { Finding(code: code, severity: .eroare, message: template.render([:])) }
}

public enum F04BadSignature {
    public static let code = "F04"
    public static let template = MessageTemplate("Semnătura electronică nu este validă: {detaliu}")
    public static func finding(_ detail: String) -> Finding {
        Finding(code: code, severity: .eroare, message: template.render(["detaliu": detail]))
    }
}

public enum F05SignerCertificate {
    public static let code = "F05"
    public static let template = MessageTemplate("Certificatul semnatarului nu este acceptat: {detaliu}")
    /// `publicDetail`: the same without the holder's name, for the public table.
    public static func finding(_ detail: String, publicDetail: String? = nil) -> Finding {
        Finding(code: code, severity: .eroare, message: template.render(["detaliu": detail]),
                publicMessage: publicDetail.map { template.render(["detaliu": $0]) })
    }
}

public enum F06NotEnrolled {
    public static let code = "F06"
    public static let template = MessageTemplate("Semnatarul {nume} nu are drept de raportare pentru CUI {cui}")
    /// The provider reads who signed; the public table does not name the person.
    public static func finding(nume: String, cui: String) -> Finding {
        Finding(code: code, severity: .eroare, message: template.render(["nume": nume, "cui": cui]),
                publicMessage: template.render(["nume": "", "cui": cui]).replacingOccurrences(of: "  ", with: " "))
    }
}
