import CCMCore
import CLibXML2
import Foundation

/// Turns reader events into the domain's header and certificates, one at a time.
final class DocumentBuilder {
    let reader: xmlTextReaderPtr
    let sink: SubmissionSink
    var tally = DocumentTally()
    /// F01/F02 findings the XSD cannot express (depth, DOCTYPE, white space, operation shape).
    var structural: [Finding] = []
    var stop = false
    /// An XML-DSig `Signature` element was seen (anywhere): only then is the DOM built to verify it.
    var sawSignature = false

    private var rootAttributes: [String: String] = [:]
    private var signatureDepth: Int?
    private var certificate: CertificateFields?
    private var textElement: String?
    private var text = ""
    private var position = 0

    /// Values whose XSD types strip white space before checking: the only place it is caught.
    static let trimmedByXSD: Set<String> = ["luna", "dataGenerare", "nrCertificate", "totalZile", "zile",
                                            "CodUrgenta", "CodBoalaInfecto"]

    init(reader: xmlTextReaderPtr, sink: SubmissionSink) {
        self.reader = reader
        self.sink = sink
    }

    var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }
    var column: Int { Int(xmlTextReaderGetParserColumnNumber(reader)) }

    func startElement(depth: Int) {
        let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
        defer { if isEmpty { endElement() } }
        if signatureDepth != nil { return }
        let ns = xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) } ?? ""
        let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
        if ns == SubmissionReader.dsig {
            if name == "Signature" { sawSignature = true }
            if name == "Signature" && depth == 1 { signatureDepth = depth }
            return
        }
        guard ns == SubmissionReader.namespace else { return }
        switch name {
        case "RaportareCCM" where depth == 0:
            rootAttributes = attributes()
        case "Furnizor" where depth == 1:
            deliverHeader(furnizor: attributes())
        case "Certificat" where depth == 2:
            position += 1
            certificate = CertificateFields(position: position, line: line, operatie: attributes()["operatie"])
        case "Totaluri" where depth == 1:
            let a = attributes()
            if let n = a["nrCertificate"].flatMap(Int.init), let z = a["totalZile"].flatMap(Int.init) {
                tally.declared = DeclaredTotals(nrCertificate: n, totalZile: z)
            }
        default:
            if certificate != nil {
                let a = attributes()
                if !a.isEmpty { certificate?.attributes[name] = a }
                textElement = name
                text = ""
            }
        }
    }

    func appendText() {
        guard textElement != nil, let v = xmlTextReaderConstValue(reader) else { return }
        text += String(cString: v)
    }

    func endElement() {
        let ns = xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) } ?? ""
        let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
        if let d = signatureDepth {
            if ns == SubmissionReader.dsig && name == "Signature" && Int(xmlTextReaderDepth(reader)) == d { signatureDepth = nil }
            return
        }
        guard ns == SubmissionReader.namespace else { return }
        if name == "Certificat", let fields = certificate {
            certificate = nil
            tally.certificates += 1
            tally.days += fields.attributes["Perioada"]?["zile"].flatMap(Int.init) ?? 0
            if let c = fields.build() {
                if let problem = F02Schema.shapeProblem(c) {
                    structural.append(F02Schema.finding(problem, line: c.line, column: 0))
                }
                sink.certificate(c)
            }
            return
        }
        if name == textElement, certificate != nil {
            if name != "Motiv" && DocumentBuilder.trimmedByXSD.contains(name) { checkTrimmed(name, text) }
            certificate?.texts[name] = text
            textElement = nil
        }
    }

    private func attributes() -> [String: String] {
        var out: [String: String] = [:]
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            guard xmlTextReaderConstNamespaceUri(reader) == nil,
                  let n = xmlTextReaderConstLocalName(reader), let v = xmlTextReaderConstValue(reader) else { continue }
            let name = String(cString: n), value = String(cString: v)
            if DocumentBuilder.trimmedByXSD.contains(name) { checkTrimmed(name, value) }
            out[name] = value
        }
        xmlTextReaderMoveToElement(reader)
        return out
    }

    private func checkTrimmed(_ name: String, _ value: String) {
        if value != value.trimmingCharacters(in: .whitespacesAndNewlines) {
            structural.append(F02Schema.finding("valoarea „\(name)” are spații la început sau la sfârșit",
                                                line: line, column: column))
        }
    }

    private func deliverHeader(furnizor f: [String: String]) {
        let r = rootAttributes
        guard let tip = r["tip"].flatMap(DocumentKind.init(rawValue:)),
              let luna = r["luna"].flatMap(YearMonth.init),
              let id = r["idDocument"].flatMap(UUID.init(uuidString:)),
              let gen = r["dataGenerare"],
              let mediu = Environment(rawValue: r["mediu"] ?? Environment.productie.rawValue),
              let cuiText = f["cui"], let cui = CUI(cuiText),
              let casa = f["casa"], let conv = f["nrConventie"], let den = f["denumire"] else { return }
        let header = DocumentHeader(tip: tip, luna: luna, idDocument: id, dataGenerare: gen, mediu: mediu,
                                    cui: cui.digits, casa: casa, nrConventie: conv,
                                    denumire: RomanianText.commaBelow(den), email: f["email"])
        if !sink.header(header) { stop = true }
    }
}

/// The raw text and attributes of one `Certificat`, until it is complete.
struct CertificateFields {
    let position: Int
    let line: Int
    let operatie: String?
    var texts: [String: String] = [:]
    var attributes: [String: [String: String]] = [:]

    init(position: Int, line: Int, operatie: String?) {
        self.position = position; self.line = line; self.operatie = operatie
    }

    /// Nil when the content does not make a certificate (the XSD has said why).
    func build() -> ReportedCertificate? {
        guard let serie = texts["Serie"], let numar = texts["Numar"] else { return nil }
        var op: CertificateOperation?
        if let o = operatie { guard let parsed = CertificateOperation(rawValue: o) else { return nil }; op = parsed }
        var body: CertificateBody?
        if texts["DataAcordarii"] != nil {
            guard let b = buildBody() else { return nil }
            body = b
        }
        return ReportedCertificate(position: position, line: line, operatie: op, serie: serie, numar: numar,
                                   body: body, motiv: texts["Motiv"])
    }

    private func buildBody() -> CertificateBody? {
        guard let data = texts["DataAcordarii"].flatMap(LocalDate.init),
              let tip = texts["Tip"].flatMap(CertificateKind.init(rawValue:)),
              let medic = attributes["Medic"], let parafa = medic["parafa"], let medicNume = medic["nume"],
              let loc = texts["LocPrescriere"].flatMap(Int.init),
              let asig = attributes["Asigurat"], let cnp = asig["cnp"], let nume = asig["nume"], let prenume = asig["prenume"],
              let codInd = texts["CodIndemnizatie"], let codDiag = texts["CodDiagnostic"],
              let per = attributes["Perioada"], let inceput = per["inceput"].flatMap(LocalDate.init),
              let sfarsit = per["sfarsit"].flatMap(LocalDate.init), let zile = per["zile"].flatMap(Int.init)
        else { return nil }
        var initial: CertificateRef?
        if let ci = attributes["CertificatInitial"] {
            guard let s = ci["serie"], let n = ci["numar"], let d = ci["dataAcordarii"].flatMap(LocalDate.init) else { return nil }
            initial = CertificateRef(serie: s, numar: n, dataAcordarii: d)
        }
        let ang = attributes["Angajator"]
        let aviz = attributes["AvizMedicExpert"]
        return CertificateBody(
            dataAcordarii: data, tip: tip, certificatInitial: initial, medicParafa: parafa,
            medicNume: RomanianText.commaBelow(medicNume), locPrescriere: loc, cnp: cnp,
            nume: RomanianText.commaBelow(nume), prenume: RomanianText.commaBelow(prenume),
            angajatorCui: ang?["cui"].flatMap(CUI.init)?.digits ?? ang?["cui"],
            angajatorDenumire: ang?["denumire"].map(RomanianText.commaBelow),
            codIndemnizatie: codInd, codDiagnostic: codDiag,
            codUrgenta: texts["CodUrgenta"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
            codBoalaInfecto: texts["CodBoalaInfecto"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
            perioada: Period(inceput: inceput, sfarsit: sfarsit, zile: zile),
            avizNumar: aviz?["numar"], avizData: aviz?["data"].flatMap(LocalDate.init), cnpCopil: texts["CnpCopil"])
    }
}
