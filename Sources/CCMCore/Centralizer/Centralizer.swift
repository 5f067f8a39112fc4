import Foundation

/// The processing stage of a provider's month (`04-outputs.md` §1), exact public strings.
public enum Stage: String, Sendable, CaseIterable {
    case validat = "VALIDAT"
    case cuErori = "CU ERORI"
    case faraRaportare = "FĂRĂ RAPORTARE"
}

/// One error of one current certificate, as the public table may show it (CNP masked, no diagnosis:
/// the messages are built that way).
public struct CertificateErrorLine: Sendable, Equatable {
    public var serie: String
    public var numar: String
    public var code: String
    public var message: String
    public init(serie: String, numar: String, code: String, message: String) {
        self.serie = serie; self.numar = numar; self.code = code; self.message = message
    }
}

extension CertificateErrorLine {
    /// One line per certificate, `SERIE NUMAR: COD mesaj; COD mesaj`, in the order given; a finding
    /// said twice in the same words (two limits of C14, told publicly without their detail) once.
    public static func describe(_ errors: [CertificateErrorLine]) -> [String] {
        var order: [String] = []
        var byCert: [String: [String]] = [:]
        for e in errors {
            let key = "\(e.serie) \(e.numar)", said = "\(e.code) \(e.message)"
            if byCert[key] == nil { order.append(key) }
            if byCert[key]?.contains(said) != true { byCert[key, default: []].append(said) }
        }
        return order.map { "\($0): " + (byCert[$0] ?? []).joined(separator: "; ") }
    }

    /// `SERIE NUMAR` of each failing certificate, once, in the order of `describe`.
    public static func certificates(_ errors: [CertificateErrorLine]) -> [String] {
        var seen = Set<String>()
        return errors.map { "\($0.serie) \($0.numar)" }.filter { seen.insert($0).inserted }
    }
}

/// What the store knows about one provider's month, as of a moment.
public struct ProviderMonth: Sendable {
    public var provider: Provider
    public var hasRegisteredInitial: Bool
    public var certificates: Int
    public var certificatesWithErrors: Int
    public var errors: [CertificateErrorLine]
    public var lastReport: Date?
    /// Notes other than refusals (warnings, late report).
    public var observations: [String]
    /// Every refused file of the month, in receipt order.
    public var refusals: [RefusedFile]

    public init(provider: Provider, hasRegisteredInitial: Bool, certificates: Int, certificatesWithErrors: Int,
                errors: [CertificateErrorLine], lastReport: Date?, observations: [String], refusals: [RefusedFile] = []) {
        self.provider = provider; self.hasRegisteredInitial = hasRegisteredInitial; self.certificates = certificates
        self.certificatesWithErrors = certificatesWithErrors; self.errors = errors; self.lastReport = lastReport
        self.observations = observations; self.refusals = refusals
    }

    public var stage: Stage {
        guard hasRegisteredInitial else { return .faraRaportare }
        return certificatesWithErrors > 0 ? .cuErori : .validat
    }
}

public struct CentralizerRow: Sendable {
    public var nrCrt: Int
    public var cui: String
    public var denumire: String
    public var nrConventie: String
    public var stage: Stage
    public var nrCertificate: Int
    public var nrCertificateCuErori: Int
    public var errors: [CertificateErrorLine]
    public var lastReport: Date?
    public var observations: [String]
    public var refusals: [RefusedFile]

    /// `SERIE NUMAR: COD mesaj; COD mesaj`, one line per failing certificate, in report order.
    public var errorDescription: [String] { CertificateErrorLine.describe(errors) }

    /// The Observații column: the notes, then the last refusal (marked once a later report replaced it).
    public var notes: [Observation] {
        observations.map { Observation(kind: .note, text: $0) }
            + (refusals.last.map { [Observation(kind: .refusal, text: $0.note, superseded: $0.superseded)] } ?? [])
    }
}

/// The centralizer table of one CAS and month, as of a moment.
public struct Centralizer: Sendable {
    public var casa: String
    public var luna: YearMonth
    public var asOf: Date
    public var rows: [CentralizerRow]
    /// The house as the nomenclator names it; `nil` only where none was given (then "CAS <casa>").
    public var house: HealthInsuranceHouse?
    /// How a provider reaches the CAS (configuration `contact`), if set.
    public var contact: String?

    /// "CAS Timiș".
    public var houseShortName: String { house?.shortName ?? "CAS \(casa)" }
    /// "Casa de Asigurări de Sănătate Timiș".
    public var houseFullName: String { house?.fullName ?? "CAS \(casa)" }
    /// "Ediția din 14.11.2026", "Actualizare la 30.11.2026" (`Edition.label`).
    public var edition: String { Edition.label(luna: luna, asOf: asOf) }

    public var counts: [Stage: Int] {
        var c = Dictionary(uniqueKeysWithValues: Stage.allCases.map { ($0, 0) })
        for r in rows { c[r.stage, default: 0] += 1 }
        return c
    }

    /// Rows in the order consilieri read them: by name (ignoring case and diacritics), then CUI.
    public init(casa: String, luna: YearMonth, asOf: Date, months: [ProviderMonth],
                house: HealthInsuranceHouse? = nil, contact: String? = nil) {
        self.casa = casa; self.luna = luna; self.asOf = asOf; self.house = house; self.contact = contact
        let sorted = months.sorted { Centralizer.readsBefore(($0.provider.denumire, $0.provider.cui), ($1.provider.denumire, $1.provider.cui)) }
        rows = sorted.enumerated().map { i, m in
            CentralizerRow(nrCrt: i + 1, cui: m.provider.cui, denumire: m.provider.denumire,
                           nrConventie: m.provider.nrConventie, stage: m.stage, nrCertificate: m.certificates,
                           nrCertificateCuErori: m.certificatesWithErrors, errors: m.errors,
                           lastReport: m.lastReport, observations: m.observations, refusals: m.refusals)
        }
    }

    /// The reading order of rows: by name (ignoring case and diacritics), then CUI.
    public static func readsBefore(_ a: (denumire: String, cui: String), _ b: (denumire: String, cui: String)) -> Bool {
        let x = a.denumire.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let y = b.denumire.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return x != y ? x < y : a.cui < b.cui
    }
}
