/// The report a certificate belongs to, as the certificate rules see it: its provider and month.
/// A certificate read from a file takes it from the file's header; one judged again from the
/// store (`DocumentJudge.again`) from its stored row, with no header to invent.
public struct ReportScope: Sendable, Equatable {
    public var cui: String
    public var luna: YearMonth

    public init(cui: String, luna: YearMonth) { self.cui = cui; self.luna = luna }
    public init(_ h: DocumentHeader) { self.init(cui: h.cui, luna: h.luna) }
}

extension ContentContext {
    public init(certificate: ReportedCertificate, body: CertificateBody, header: DocumentHeader, receiptDay: LocalDate,
                nomenclators: Nomenclators, ruleSet: RuleSet?) {
        self.init(certificate: certificate, body: body, header: ReportScope(header), receiptDay: receiptDay,
                  nomenclators: nomenclators, ruleSet: ruleSet)
    }
}
