/// What a rule on a certificate's own content sees: the certificate, its document's header,
/// the receipt day, the nomenclators and the rule set in force — no history and no registry
/// facts, so that it can be judged when the file is prepared, on the preparing thread, before
/// the database is asked anything (`CertificateRuleBook.evaluateContent`).
public struct ContentContext: Sendable {
    public var certificate: ReportedCertificate
    public var body: CertificateBody
    public var header: ReportScope
    public var receiptDay: LocalDate
    public var nomenclators: Nomenclators
    public var ruleSet: RuleSet?

    public init(certificate: ReportedCertificate, body: CertificateBody, header: ReportScope, receiptDay: LocalDate,
                nomenclators: Nomenclators, ruleSet: RuleSet?) {
        self.certificate = certificate; self.body = body; self.header = header; self.receiptDay = receiptDay
        self.nomenclators = nomenclators; self.ruleSet = ruleSet
    }
}

/// A certificate-level rule that reads only the certificate's content (`ContentContext`): the
/// type system keeps history and registry facts out of its reach.
public protocol ContentRule: CertificateRule {
    func check(content ctx: ContentContext) -> [Finding.Message]
}

extension ContentRule {
    public func check(_ ctx: CertificateContext) -> [Finding.Message] { check(content: ctx.content) }
    public var asContentRule: (any ContentRule)? { self }
}
