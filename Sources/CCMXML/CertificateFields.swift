import CCMCore
import Foundation

/// The raw text and attributes of one `Certificat`, until it is complete: one slot per value
/// the domain reads, so that a certificate costs no dictionary.
struct CertificateFields {
    let position: Int
    let line: Int
    let operatie: String?
    private var values = [String?](repeating: nil, count: Slot.allCases.count)
    /// The elements seen with at least one attribute (any, even one the XSD does not know).
    private var withAttributes: UInt64 = 0

    enum Slot: Int, CaseIterable {
        case serie, numar, dataAcordarii, tip, locPrescriere, codIndemnizatie, codDiagnostic, codUrgenta
        case codBoalaInfecto, cnpCopil, motiv
        case medicParafa, medicNume, asiguratCnp, asiguratNume, asiguratPrenume
        case perioadaInceput, perioadaSfarsit, perioadaZile, initialSerie, initialNumar, initialData
        case angajatorCui, angajatorDenumire, avizNumar, avizData

        /// The slot of an element's text.
        static func text(_ element: Name) -> Slot? {
            switch element {
            case .Serie: return .serie
            case .Numar: return .numar
            case .DataAcordarii: return .dataAcordarii
            case .Tip: return .tip
            case .LocPrescriere: return .locPrescriere
            case .CodIndemnizatie: return .codIndemnizatie
            case .CodDiagnostic: return .codDiagnostic
            case .CodUrgenta: return .codUrgenta
            case .CodBoalaInfecto: return .codBoalaInfecto
            case .CnpCopil: return .cnpCopil
            case .Motiv: return .motiv
            default: return nil
            }
        }

        /// The slots of an element's attributes.
        static func attributes(of element: Name) -> [(Name, Slot)] {
            switch element {
            case .Medic: return [(.parafa, .medicParafa), (.nume, .medicNume)]
            case .Asigurat: return [(.cnp, .asiguratCnp), (.nume, .asiguratNume), (.prenume, .asiguratPrenume)]
            case .Perioada: return [(.inceput, .perioadaInceput), (.sfarsit, .perioadaSfarsit), (.zile, .perioadaZile)]
            case .CertificatInitial: return [(.serie, .initialSerie), (.numar, .initialNumar), (.dataAcordarii, .initialData)]
            case .Angajator: return [(.cui, .angajatorCui), (.denumire, .angajatorDenumire)]
            case .AvizMedicExpert: return [(.numar, .avizNumar), (.data, .avizData)]
            default: return []
            }
        }
    }

    init(position: Int, line: Int, operatie: String?) {
        self.position = position; self.line = line; self.operatie = operatie
    }

    subscript(_ slot: Slot) -> String? {
        get { values[slot.rawValue] }
        set { values[slot.rawValue] = newValue }
    }

    /// Before an element's attributes are read: they replace whatever an earlier element of the
    /// same name left (a repeated element, which the XSD refuses, keeps only its last attributes).
    mutating func clearAttributes(of element: Name) {
        for (_, slot) in Slot.attributes(of: element) { self[slot] = nil }
        withAttributes |= 1 << UInt64(element.rawValue)
    }

    private func hasAttributes(_ element: Name) -> Bool { withAttributes & (1 << UInt64(element.rawValue)) != 0 }

    /// Nil when the content does not make a certificate (the XSD has said why).
    func build() -> ReportedCertificate? {
        guard let serie = self[.serie], let numar = self[.numar] else { return nil }
        var op: CertificateOperation?
        if let o = operatie { guard let parsed = CertificateOperation(rawValue: o) else { return nil }; op = parsed }
        var body: CertificateBody?
        if self[.dataAcordarii] != nil {
            guard let b = buildBody() else { return nil }
            body = b
        }
        return ReportedCertificate(position: position, line: line, operatie: op, serie: serie, numar: numar,
                                   body: body, motiv: self[.motiv])
    }

    private func buildBody() -> CertificateBody? {
        guard let data = self[.dataAcordarii].flatMap(LocalDate.init),
              let tip = self[.tip].flatMap(CertificateKind.init(rawValue:)),
              let parafa = self[.medicParafa], let medicNume = self[.medicNume],
              let loc = self[.locPrescriere].flatMap(Int.init),
              let cnp = self[.asiguratCnp], let nume = self[.asiguratNume], let prenume = self[.asiguratPrenume],
              let codInd = self[.codIndemnizatie], let codDiag = self[.codDiagnostic],
              let inceput = self[.perioadaInceput].flatMap(LocalDate.init),
              let sfarsit = self[.perioadaSfarsit].flatMap(LocalDate.init), let zile = self[.perioadaZile].flatMap(Int.init)
        else { return nil }
        var initial: CertificateRef?
        if hasAttributes(.CertificatInitial) {
            guard let s = self[.initialSerie], let n = self[.initialNumar], let d = self[.initialData].flatMap(LocalDate.init) else { return nil }
            initial = CertificateRef(serie: s, numar: n, dataAcordarii: d)
        }
        let angajatorCui = self[.angajatorCui]
        return CertificateBody(
            dataAcordarii: data, tip: tip, certificatInitial: initial, medicParafa: parafa,
            medicNume: RomanianText.commaBelow(medicNume), locPrescriere: loc, cnp: cnp,
            nume: RomanianText.commaBelow(nume), prenume: RomanianText.commaBelow(prenume),
            angajatorCui: angajatorCui.flatMap(CUI.init)?.digits ?? angajatorCui,
            angajatorDenumire: self[.angajatorDenumire].map(RomanianText.commaBelow),
            codIndemnizatie: codInd, codDiagnostic: codDiag,
            codUrgenta: self[.codUrgenta].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
            codBoalaInfecto: self[.codBoalaInfecto].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
            perioada: Period(inceput: inceput, sfarsit: sfarsit, zile: zile),
            avizNumar: self[.avizNumar], avizData: self[.avizData].flatMap(LocalDate.init), cnpCopil: self[.cnpCopil])
    }
}
