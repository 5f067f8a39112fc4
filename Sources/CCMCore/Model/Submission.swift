import Foundation

public enum DocumentKind: String, Sendable { case initiala = "INITIALA", rectificativa = "RECTIFICATIVA" }
public enum Environment: String, Sendable, CaseIterable { case productie = "PRODUCTIE", test = "TEST" }
public enum CertificateOperation: String, Sendable { case adaugare = "ADAUGARE", modificare = "MODIFICARE", stergere = "STERGERE" }
public enum CertificateKind: String, Sendable { case initial = "INITIAL", continuare = "CONTINUARE" }

/// What the root element and `Furnizor` say: everything the file-level rules need before
/// the first certificate is read.
public struct DocumentHeader: Sendable, Equatable {
    public var tip: DocumentKind
    public var luna: YearMonth
    public var idDocument: UUID
    public var dataGenerare: String
    public var mediu: Environment
    public var cui: String
    public var casa: String
    public var nrConventie: String
    public var denumire: String
    public var email: String?

    public init(tip: DocumentKind, luna: YearMonth, idDocument: UUID, dataGenerare: String, mediu: Environment,
                cui: String, casa: String, nrConventie: String, denumire: String, email: String?) {
        self.tip = tip; self.luna = luna; self.idDocument = idDocument; self.dataGenerare = dataGenerare
        self.mediu = mediu; self.cui = cui; self.casa = casa; self.nrConventie = nrConventie
        self.denumire = denumire; self.email = email
    }
}

public struct CertificateRef: Sendable, Equatable {
    public var serie: String
    public var numar: String
    public var dataAcordarii: LocalDate
    public init(serie: String, numar: String, dataAcordarii: LocalDate) {
        self.serie = serie; self.numar = numar; self.dataAcordarii = dataAcordarii
    }
}

public struct Period: Sendable, Equatable {
    public var inceput: LocalDate
    public var sfarsit: LocalDate
    public var zile: Int
    public init(inceput: LocalDate, sfarsit: LocalDate, zile: Int) { self.inceput = inceput; self.sfarsit = sfarsit; self.zile = zile }
}

/// The full content of a certificate (absent for a STERGERE).
public struct CertificateBody: Sendable, Equatable {
    public var dataAcordarii: LocalDate
    public var tip: CertificateKind
    public var certificatInitial: CertificateRef?
    public var medicParafa: String
    public var medicNume: String
    public var locPrescriere: Int
    public var cnp: String
    public var nume: String
    public var prenume: String
    public var angajatorCui: String?
    public var angajatorDenumire: String?
    public var codIndemnizatie: String
    public var codDiagnostic: String
    public var codUrgenta: Int?
    public var codBoalaInfecto: Int?
    public var perioada: Period
    public var avizNumar: String?
    public var avizData: LocalDate?
    public var cnpCopil: String?

    public init(dataAcordarii: LocalDate, tip: CertificateKind, certificatInitial: CertificateRef?, medicParafa: String,
                medicNume: String, locPrescriere: Int, cnp: String, nume: String, prenume: String,
                angajatorCui: String?, angajatorDenumire: String?, codIndemnizatie: String, codDiagnostic: String,
                codUrgenta: Int?, codBoalaInfecto: Int?, perioada: Period, avizNumar: String?, avizData: LocalDate?,
                cnpCopil: String?) {
        self.dataAcordarii = dataAcordarii; self.tip = tip; self.certificatInitial = certificatInitial
        self.medicParafa = medicParafa; self.medicNume = medicNume; self.locPrescriere = locPrescriere
        self.cnp = cnp; self.nume = nume; self.prenume = prenume; self.angajatorCui = angajatorCui
        self.angajatorDenumire = angajatorDenumire; self.codIndemnizatie = codIndemnizatie
        self.codDiagnostic = codDiagnostic; self.codUrgenta = codUrgenta; self.codBoalaInfecto = codBoalaInfecto
        self.perioada = perioada; self.avizNumar = avizNumar; self.avizData = avizData; self.cnpCopil = cnpCopil
    }
}

/// One `Certificat` element as reported.
public struct ReportedCertificate: Sendable, Equatable {
    public var position: Int
    public var line: Int
    public var operatie: CertificateOperation?
    public var serie: String
    public var numar: String
    public var body: CertificateBody?
    public var motiv: String?

    public init(position: Int, line: Int, operatie: CertificateOperation?, serie: String, numar: String,
                body: CertificateBody?, motiv: String?) {
        self.position = position; self.line = line; self.operatie = operatie
        self.serie = serie; self.numar = numar; self.body = body; self.motiv = motiv
    }
}

public struct DeclaredTotals: Sendable, Equatable {
    public var nrCertificate: Int
    public var totalZile: Int
    public init(nrCertificate: Int, totalZile: Int) { self.nrCertificate = nrCertificate; self.totalZile = totalZile }
}
