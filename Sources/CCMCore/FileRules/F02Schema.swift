/// F02: the document fails the XSD, or a constraint of the format the XSD cannot express
/// (white space around a value, the content a certificate must have for its operation).
public enum F02Schema: FoundRule {
    public static let code = "F02"
    public static let defaultSeverity = Severity.eroare

    public static func finding(_ detail: String, line: Int, column: Int) -> Finding {
        Finding(.notSchemaValid(detail, line: line, column: column), code: code, severity: defaultSeverity,
                line: line, column: column)
    }

    /// A STERGERE carries only Serie, Numar and Motiv; every other certificate its full content.
    public static func shapeProblem(_ c: ReportedCertificate) -> String? {
        switch (c.operatie, c.body) {
        case (.stergere, .some):
            return "certificatul \(c.serie) \(c.numar) cu operatie=\"STERGERE\" conține date în afară de Serie, Numar și Motiv"
        case (.stergere, .none), (_, .some):
            return nil
        case (_, .none):
            return "certificatul \(c.serie) \(c.numar) nu conține datele certificatului (DataAcordarii … Perioada)"
        }
    }
}

extension Finding.Message {
    static func notSchemaValid(_ detail: String, line: Int, column: Int) -> Self {
        Self("Fișierul nu respectă schema: \(detail) (linia \(line), coloana \(column))")
    }
}
