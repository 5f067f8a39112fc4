import CCMCore
import CLibXML2
import Foundation

/// Turns reader events into the domain's header and certificates, one at a time. A value held
/// by the parse alone: its state is changed without a run-time exclusivity check per access.
struct DocumentBuilder {
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
    /// The element whose text is being gathered (`.some(nil)`: one the builder does not know).
    private var textElement: Name??
    private var text = ""
    private var position = 0
    /// Each open element's namespace and name, by depth: its end is told from its start.
    private var openElements: [(Namespace, Name?)] = []
    private let names: NameTable
    /// The two namespaces, as the reader's dictionary holds them.
    private let ccmNamespace: UnsafePointer<xmlChar>?
    private let dsigNamespace: UnsafePointer<xmlChar>?

    init(reader: xmlTextReaderPtr, sink: SubmissionSink) {
        self.reader = reader
        self.sink = sink
        names = NameTable(reader: reader)
        ccmNamespace = xmlTextReaderConstString(reader, SubmissionReader.namespace)
        dsigNamespace = xmlTextReaderConstString(reader, SubmissionReader.dsig)
    }

    var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }
    var column: Int { Int(xmlTextReaderGetParserColumnNumber(reader)) }

    private enum Namespace { case ccm, dsig, other }

    /// The current node's namespace and name. The reader hands out the namespace from its
    /// dictionary, so a pointer comparison says which it is; the bytes decide otherwise.
    private func current() -> (Namespace, Name?) {
        let ns: Namespace
        if let uri = xmlTextReaderConstNamespaceUri(reader) {
            if uri == ccmNamespace || xmlStrEqual(uri, SubmissionReader.namespace) != 0 { ns = .ccm }
            else if uri == dsigNamespace || xmlStrEqual(uri, SubmissionReader.dsig) != 0 { ns = .dsig }
            else { ns = .other }
        } else {
            ns = .other
        }
        return (ns, xmlTextReaderConstLocalName(reader).flatMap(names.name))
    }

    mutating func startElement(depth: Int) {
        let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
        let (ns, name) = current()
        while openElements.count <= depth { openElements.append((.other, nil)) }
        openElements[depth] = (ns, name)
        defer { if isEmpty { endElement(depth: depth) } }
        if signatureDepth != nil { return }
        if ns == .dsig {
            if name == .Signature { sawSignature = true }
            if name == .Signature && depth == 1 { signatureDepth = depth }
            return
        }
        guard ns == .ccm else { return }
        switch name {
        case .RaportareCCM? where depth == 0:
            rootAttributes = attributes()
        case .Furnizor? where depth == 1:
            deliverHeader(furnizor: attributes())
        case .Certificat? where depth == 2:
            position += 1
            var operatie: String?
            eachAttribute { n, v in if n == .operatie { operatie = String(cString: v) } }
            certificate = CertificateFields(position: position, line: line, operatie: operatie)
        case .Totaluri? where depth == 1:
            let a = attributes()
            if let n = a["nrCertificate"].flatMap(Int.init), let z = a["totalZile"].flatMap(Int.init) {
                tally.declared = DeclaredTotals(nrCertificate: n, totalZile: z)
            }
        default:
            if certificate != nil {
                if let name { certificateAttributes(of: name) } else { eachAttribute { _, _ in } }
                textElement = .some(name)
                text = ""
            }
        }
    }

    mutating func appendText() {
        guard textElement != nil, let v = xmlTextReaderConstValue(reader) else { return }
        if text.isEmpty { text = String(cString: v) } else { text += String(cString: v) }
    }

    mutating func endElement(depth: Int) {
        let (ns, name) = depth < openElements.count ? openElements[depth] : current()
        if let d = signatureDepth {
            if ns == .dsig && name == .Signature && depth == d { signatureDepth = nil }
            return
        }
        guard ns == .ccm else { return }
        if name == .Certificat, let fields = certificate {
            certificate = nil
            tally.certificates += 1
            tally.days += fields[.perioadaZile].flatMap(Int.init) ?? 0
            if let c = fields.build() {
                if let problem = F02Schema.shapeProblem(c) {
                    structural.append(F02Schema.finding(problem, line: c.line, column: 0))
                }
                sink.certificate(c)
            }
            return
        }
        if let open = textElement, open == name, certificate != nil {
            textElement = nil
            guard let name else { return }
            if name.trimmedByXSD { checkTrimmed(name.spelling, text) }
            if let slot = CertificateFields.Slot.text(name) { certificate?[slot] = text }
        }
    }

    /// Each attribute of the current element outside any namespace (`name` nil: one the
    /// builder does not know), its value checked for white space when its XSD type strips it.
    private mutating func eachAttribute(_ body: (Name?, UnsafePointer<xmlChar>) -> Void) {
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            guard xmlTextReaderConstNamespaceUri(reader) == nil,
                  let n = xmlTextReaderConstLocalName(reader), let v = xmlTextReaderConstValue(reader) else { continue }
            let name = names.name(n)
            if let name, name.trimmedByXSD { checkTrimmed(name.spelling, v) }
            body(name, v)
        }
        xmlTextReaderMoveToElement(reader)
    }

    /// The attributes of the root, `Furnizor` or `Totaluri` (once per file), by their spelling.
    private mutating func attributes() -> [String: String] {
        var out: [String: String] = [:]
        eachAttribute { name, v in if let name { out[name.spelling] = String(cString: v) } }
        return out
    }

    /// The attributes of an element inside a `Certificat`, into their slots.
    private mutating func certificateAttributes(of element: Name) {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return }
        let slots = CertificateFields.Slot.attributes(of: element)
        // Written straight into the slots (held apart while the attributes are walked), no list between.
        var fields = certificate
        certificate = nil
        var any = false
        eachAttribute { n, v in
            if !any { fields?.clearAttributes(of: element); any = true }
            if let n, let slot = slots.first(where: { $0.0 == n })?.1 { fields?[slot] = String(cString: v) }
        }
        certificate = fields
    }

    private mutating func checkTrimmed(_ name: String, _ value: UnsafePointer<xmlChar>) {
        // A value that begins and ends with printable ASCII has nothing to trim: no String needed.
        let count = strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))
        if count == 0 { return }
        if (0x21...0x7E).contains(value[0]) && (0x21...0x7E).contains(value[count - 1]) { return }
        checkTrimmed(name, String(cString: value))
    }

    private mutating func checkTrimmed(_ name: String, _ value: String) {
        if value != value.trimmingCharacters(in: .whitespacesAndNewlines) {
            structural.append(F02Schema.finding("valoarea „\(name)” are spații la început sau la sfârșit",
                                                line: line, column: column))
        }
    }

    private mutating func deliverHeader(furnizor f: [String: String]) {
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
