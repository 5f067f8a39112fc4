import Foundation

/// Submission documents for tests, built from the format of `01-submission-format.md`.
public enum Fixture {
    public static let cui = "31001235"       // valid control digit (spec example)
    public static let otherCui = "42005674"  // valid control digit (spec example)
    public static let cnp = "1850512350011"  // valid (spec example)
    /// When the test registry takes effect: before every receipt time the tests use.
    public static let registryDate = ISO8601DateFormatter().date(from: "2026-01-01T00:00:00Z")!

    /// A valid CNP of a man born 1985-05-12 in county 35, with the given serial (1–999).
    public static func cnp(serial: Int) -> String {
        let s = String(format: "%03d", serial)
        let first12 = Array("185051235" + s).compactMap(\.wholeNumberValue)
        let r = zip(first12, [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]).reduce(0) { $0 + $1.0 * $1.1 } % 11
        return "185051235" + s + "\(r == 10 ? 1 : r)"
    }

    public struct Cert: Sendable {
        public var serie = "CCMAM"
        public var numar = "4400123"
        public var operatie: String? = nil
        public var data = "2026-10-06"
        public var inceput = "2026-10-06"
        public var sfarsit = "2026-10-09"
        public var zile = 4
        public var cnp = Fixture.cnp
        public var nume = "Ionescu"
        public var prenume = "Ștefan"
        public var stergere = false
        public var diagnostic = "J06"
        public var code = "01"
        public var cnpCopil: String? = nil
        public var parafa = "A12345"
        /// (serie, numar, dataAcordarii) of the initial when this is a CONTINUARE.
        public var continuationOf: (String, String, String)? = nil

        public init(serie: String = "CCMAM", numar: String = "4400123", operatie: String? = nil, data: String = "2026-10-06", inceput: String = "2026-10-06", sfarsit: String = "2026-10-09", zile: Int = 4, cnp: String = Fixture.cnp, nume: String = "Ionescu", prenume: String = "Ștefan", stergere: Bool = false, diagnostic: String = "J06", code: String = "01", cnpCopil: String? = nil, parafa: String = "A12345", continuationOf: (String, String, String)? = nil) {
            self.serie = serie; self.numar = numar; self.operatie = operatie; self.data = data; self.inceput = inceput; self.sfarsit = sfarsit; self.zile = zile; self.cnp = cnp; self.nume = nume; self.prenume = prenume; self.stergere = stergere; self.diagnostic = diagnostic; self.code = code; self.cnpCopil = cnpCopil; self.parafa = parafa; self.continuationOf = continuationOf
        }

        public var xml: String {
            let op = operatie.map { " operatie=\"\($0)\"" } ?? ""
            if stergere {
                return "<Certificat\(op)><Serie>\(serie)</Serie><Numar>\(numar)</Numar><Motiv>eliberat din eroare</Motiv></Certificat>"
            }
            return """
                <Certificat\(op)>
                  <Serie>\(serie)</Serie><Numar>\(numar)</Numar>
                  <DataAcordarii>\(data)</DataAcordarii>
                  <Tip>\(continuationOf == nil ? "INITIAL" : "CONTINUARE")</Tip>\(continuationOf.map { "<CertificatInitial serie=\"\($0.0)\" numar=\"\($0.1)\" dataAcordarii=\"\($0.2)\"/>" } ?? "")
                  <Medic parafa="\(parafa)" nume="Popescu Ana"/>
                  <LocPrescriere>1</LocPrescriere>
                  <Asigurat cnp="\(cnp)" nume="\(nume)" prenume="\(prenume)"/>
                  <Angajator cui="\(Fixture.otherCui)" denumire="Exemplu SRL"/>
                  <CodIndemnizatie>\(code)</CodIndemnizatie>
                  <CodDiagnostic>\(diagnostic)</CodDiagnostic>
                  <Perioada inceput="\(inceput)" sfarsit="\(sfarsit)" zile="\(zile)"/>\(cnpCopil.map { "<CnpCopil>\($0)</CnpCopil>" } ?? "")
                </Certificat>
                """
        }
    }

    /// One certificate numbered `numar`, its insured's CNP the one of `serial` unless given.
    public static func cert(_ numar: String, serial: Int, cnp: String? = nil) -> Cert {
        var c = Cert(); c.numar = numar; c.cnp = cnp ?? Fixture.cnp(serial: serial); return c
    }

    public static func certs(_ n: Int, from numar: Int = 4400100) -> [Cert] {
        // One insured each: several certificates of one person in one week would overlap (C19).
        (0..<n).map { var c = Cert(); c.numar = "\(numar + $0)"; c.cnp = cnp(serial: (numar + $0) % 997 + 1); return c }
    }

    public static func document(tip: String = "INITIALA", luna: String = "2026-10", id: UUID = UUID(), cui: String = cui,
                         casa: String = "TM", mediu: String? = "TEST", certificates: [Cert] = certs(2),
                         totals: (Int, Int)? = nil, encoding: String = "UTF-8") -> String {
        let n = totals?.0 ?? certificates.count
        let z = totals?.1 ?? certificates.filter { !$0.stergere }.reduce(0) { $0 + $1.zile }
        let m = mediu.map { " mediu=\"\($0)\"" } ?? ""
        return """
            <?xml version="1.0" encoding="\(encoding)"?>
            <RaportareCCM xmlns="urn:ro:cnas:ccm:raportare:1" versiune="1" tip="\(tip)" luna="\(luna)"
                          idDocument="\(id.uuidString.lowercased())" dataGenerare="2026-11-03T09:15:00+02:00"\(m)>
              <Furnizor cui="\(cui)" casa="\(casa)" nrConventie="CV-1234/2025" denumire="CMI Dr. Popescu Ana"/>
              <Certificate>
            \(certificates.map(\.xml).joined(separator: "\n"))
              </Certificate>
              <Totaluri nrCertificate="\(n)" totalZile="\(z)"/>
            </RaportareCCM>

            """
    }
}
