import Foundation

/// A certificate already known when another is judged: a current one of any provider, or an
/// earlier one of the same document.
public struct KnownCertificate: Sendable, Equatable {
    public var cui: String
    public var luna: YearMonth
    public var serie: String
    public var numar: String
    public var body: CertificateBody
    public var sameDocument: Bool
    /// The stored version's id (nil for a certificate not yet written).
    public var versionId: Int?

    public init(cui: String, luna: YearMonth, serie: String, numar: String, body: CertificateBody, sameDocument: Bool,
                versionId: Int? = nil) {
        self.cui = cui; self.luna = luna; self.serie = serie; self.numar = numar; self.body = body; self.sameDocument = sameDocument
        self.versionId = versionId
    }

    /// The chain (episode) a certificate belongs to: its initial's (Serie, Numar).
    public var chainKey: ChainKey { ChainKey(body: body, serie: serie, numar: numar) }
}

public struct ChainKey: Hashable, Sendable {
    public var serie: String
    public var numar: String
    public init(serie: String, numar: String) { self.serie = serie; self.numar = numar }
    public init(body: CertificateBody, serie: String, numar: String) {
        if body.tip == .continuare, let i = body.certificatInitial { self.init(serie: i.serie, numar: i.numar) }
        else { self.init(serie: serie, numar: numar) }
    }
}

/// The neighbourhood of one certificate: every known certificate that shares its number, its
/// chain, its insured or its child. The store fills it with one indexed query; tests by hand.
public struct CertificateHistory: Sendable {
    public var known: [KnownCertificate]
    public init(_ known: [KnownCertificate] = []) { self.known = known }

    public func sameNumber(_ serie: String, _ numar: String) -> [KnownCertificate] {
        known.filter { $0.serie == serie && $0.numar == numar }
    }

    /// The chain's members: its INITIAL and every CONTINUARE naming it.
    public func chain(_ key: ChainKey) -> [KnownCertificate] {
        known.filter { $0.chainKey == key && ($0.body.tip == .continuare || ($0.serie == key.serie && $0.numar == key.numar)) }
    }

    public func insured(_ cnp: String) -> [KnownCertificate] { known.filter { $0.body.cnp == cnp } }
    public func child(_ cnp: String) -> [KnownCertificate] { known.filter { $0.body.cnpCopil == cnp } }
}

/// Pads and doctors the registry holds for the provider; nil when it holds none (C17, C18 then do not apply).
public struct ProviderFacts: Sendable {
    public var pads: [Pad]?
    public var doctors: [Doctor]?
    public init(pads: [Pad]? = nil, doctors: [Doctor]? = nil) { self.pads = pads; self.doctors = doctors }
}

/// What a certificate-level rule sees: what a content rule sees (`ContentContext`), and the
/// registry's facts and the history around the certificate.
public struct CertificateContext: Sendable {
    public var content: ContentContext
    public var facts: ProviderFacts
    public var history: CertificateHistory

    public init(content: ContentContext, facts: ProviderFacts, history: CertificateHistory) {
        self.content = content; self.facts = facts; self.history = history
    }

    public init(certificate: ReportedCertificate, body: CertificateBody, header: DocumentHeader, receiptDay: LocalDate,
                nomenclators: Nomenclators, ruleSet: RuleSet?, facts: ProviderFacts, history: CertificateHistory) {
        self.init(content: ContentContext(certificate: certificate, body: body, header: header, receiptDay: receiptDay,
                                          nomenclators: nomenclators, ruleSet: ruleSet),
                  facts: facts, history: history)
    }

    public var certificate: ReportedCertificate { content.certificate }
    public var body: CertificateBody { content.body }
    public var header: ReportScope { content.header }
    public var receiptDay: LocalDate { content.receiptDay }
    public var nomenclators: Nomenclators { content.nomenclators }
    public var ruleSet: RuleSet? { content.ruleSet }

    public var chainKey: ChainKey { ChainKey(body: body, serie: certificate.serie, numar: certificate.numar) }

    /// This certificate as history will know it, for sums that include it.
    public var asKnown: KnownCertificate {
        KnownCertificate(cui: header.cui, luna: header.luna, serie: certificate.serie, numar: certificate.numar,
                         body: body, sameDocument: true)
    }
}

/// A certificate-level rule of `02-validation-rules.md` §3: one type per code. `check` returns
/// the message of each violation.
public protocol CertificateRule: Rule {
    init()
    func check(_ ctx: CertificateContext) -> [Finding.Message]
    /// The rule as a `ContentRule`, when it is one (told by its conformance, not by a cast).
    var asContentRule: (any ContentRule)? { get }
}

extension CertificateRule {
    public static var role: RuleRole { .certificate(Self()) }
    public var asContentRule: (any ContentRule)? { nil }
}

/// A rule on a rectificative's operation rather than on a certificate's content (C22).
public protocol TargetRule: Rule {
    init()
    func check(_ c: ReportedCertificate, header: ReportScope, history: CertificateHistory) -> [Finding.Message]
}

extension TargetRule {
    public static var role: RuleRole { .target(Self()) }
}

extension LocalDate {
    /// Whole years from `self` (a birth date) to `d`.
    public func age(on d: LocalDate) -> Int {
        var years = d.year - year
        if (d.month, d.day) < (month, day) { years -= 1 }
        return years
    }
}
