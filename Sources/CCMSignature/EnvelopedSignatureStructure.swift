import CXMLSec
import Foundation

/// What the structural checks found: the one signature and its SignedInfo (nodes of a tree
/// that lives only as long as its parse), and what it says (`values`, plain data).
struct EnvelopedSignatureShape {
    var signature: xmlNodePtr
    var signedInfo: xmlNodePtr
    /// SignedInfo's CanonicalizationMethod and its InclusiveNamespaces PrefixList.
    var canonicalization: String
    var signedInfoPrefixes: [String]
    var values: EnvelopedSignatureValues
}

/// What a signature says, kept by the streaming verifier after its reader moved on.
struct EnvelopedSignatureValues {
    var signatureMethod: String
    var digestMethod: String
    /// Every ds:X509Certificate of KeyInfo, decoded from base64, in document order.
    var certificates: [Data]
    /// The reference's canonicalization (its second transform) and PrefixList.
    var referenceCanonicalization: String
    var referencePrefixes: [String]
    /// The two base64 values, nil when not base64.
    var digestValue: Data?
    var signatureValue: Data?
}

/// The checks made on the DOM before any cryptography: the defence against signature
/// wrapping is to accept one shape only (`01-submission-format.md` §4.1) — one ds:Signature,
/// the last element child of the root, one ds:Reference URI="" with exactly the transforms
/// enveloped-signature then C14N, no ds:Object, strong algorithms, certificates in KeyInfo.
enum EnvelopedSignatureStructure {
    enum Outcome {
        case unsigned
        case refused(String)
        case shape(EnvelopedSignatureShape)
    }

    private typealias A = EnvelopedSignatureAlgorithms
    private static let ds = A.dsigNamespace

    /// Where a signature may stand, as refusals; shared with the streaming verifier, which
    /// finds the placement while reading.
    enum Placement {
        static func several(_ n: Int) -> String {
            "mai multe semnături în document (\(n) elemente ds:Signature); este acceptată exact una"
        }
        static let enveloping =
            "semnătura învelitoare (ds:Signature ca element rădăcină) nu este acceptată; semnătura trebuie să fie ultimul element al rădăcinii"
        static func inside(_ parent: String) -> String {
            "semnătura nu este ultimul element al rădăcinii: ds:Signature se află în interiorul elementului \(parent)"
        }
        static func followedBy(_ element: String) -> String {
            "semnătura nu este ultimul element al rădăcinii: după ds:Signature urmează elementul \(element)"
        }
    }

    /// The checks of the signature element itself, once its place is known to be right.
    static func inspect(signature: xmlNodePtr) -> Outcome {
        // ds:Signature = SignedInfo, SignatureValue, KeyInfo, and nothing else.
        let parts = EnvelopedDOM.elementChildren(signature)
        if parts.contains(where: { EnvelopedDOM.isElement($0, ds, "Object") }) {
            return .refused("ds:Object nu este permis în semnătură (semnătura trebuie să fie doar învelită, fără conținut propriu)")
        }
        if parts.count == 2, EnvelopedDOM.isElement(parts[0], ds, "SignedInfo"), EnvelopedDOM.isElement(parts[1], ds, "SignatureValue") {
            return .refused(keyInfoRefusal)
        }
        guard parts.count == 3, EnvelopedDOM.isElement(parts[0], ds, "SignedInfo"), EnvelopedDOM.isElement(parts[1], ds, "SignatureValue"),
              EnvelopedDOM.isElement(parts[2], ds, "KeyInfo") else {
            return .refused("ds:Signature trebuie să conțină exact ds:SignedInfo, ds:SignatureValue și ds:KeyInfo, în această ordine (găsit: \(EnvelopedDOM.names(parts)))")
        }
        let signedInfo = parts[0], keyInfo = parts[2]

        // ds:SignedInfo = CanonicalizationMethod, SignatureMethod, one Reference.
        let info = EnvelopedDOM.elementChildren(signedInfo)
        guard info.count >= 2, EnvelopedDOM.isElement(info[0], ds, "CanonicalizationMethod"), EnvelopedDOM.isElement(info[1], ds, "SignatureMethod") else {
            return .refused("ds:SignedInfo trebuie să înceapă cu ds:CanonicalizationMethod și ds:SignatureMethod (găsit: \(EnvelopedDOM.names(info)))")
        }
        let rest = Array(info.dropFirst(2))
        guard rest.allSatisfy({ EnvelopedDOM.isElement($0, ds, "Reference") }) else {
            return .refused("ds:SignedInfo conține elemente neacceptate (găsit: \(EnvelopedDOM.names(info)))")
        }
        guard rest.count == 1 else {
            return .refused("semnătura trebuie să aibă exact o referință (ds:Reference); are \(rest.count)")
        }
        let reference = rest[0]
        guard let uri = EnvelopedDOM.attribute(reference, "URI"), uri.isEmpty else {
            let found = EnvelopedDOM.attribute(reference, "URI").map { "URI=\"\($0)\"" } ?? "fără atributul URI"
            return .refused("referința trebuie să fie URI=\"\" (tot documentul); găsit: \(found)")
        }

        // ds:Reference = Transforms (enveloped-signature, C14N), DigestMethod, DigestValue.
        let refParts = EnvelopedDOM.elementChildren(reference)
        guard refParts.count == 3, EnvelopedDOM.isElement(refParts[0], ds, "Transforms"), EnvelopedDOM.isElement(refParts[1], ds, "DigestMethod"),
              EnvelopedDOM.isElement(refParts[2], ds, "DigestValue") else {
            return .refused("ds:Reference trebuie să conțină exact ds:Transforms, ds:DigestMethod și ds:DigestValue (găsit: \(EnvelopedDOM.names(refParts)))")
        }
        let transforms = EnvelopedDOM.elementChildren(refParts[0])
        let transformAlgorithms = transforms.map { EnvelopedDOM.attribute($0, "Algorithm") ?? "?" }
        let transformShapeOK = transforms.count == 2
            && transforms.allSatisfy { EnvelopedDOM.isElement($0, ds, "Transform") }
            && transformAlgorithms[0] == A.enveloped && EnvelopedDOM.elementChildren(transforms[0]).isEmpty
            && A.canonicalizations.contains(transformAlgorithms[1])
            && onlyInclusiveNamespaces(transforms[1], algorithm: transformAlgorithms[1])
        guard transformShapeOK else {
            if let sha1 = transformAlgorithms.first(where: A.isSHA1) { return .refused(A.sha1Refusal + " (\(sha1))") }
            return .refused("transformările referinței trebuie să fie exact două: enveloped-signature, apoi C14N 1.0 sau C14N exclusivă (găsit: \(transformAlgorithms.isEmpty ? "niciuna" : transformAlgorithms.joined(separator: ", ")))")
        }

        // Algorithms: SHA-1 first, so that its refusal says so whatever else is wrong.
        let c14n = EnvelopedDOM.attribute(info[0], "Algorithm") ?? ""
        let signatureMethod = EnvelopedDOM.attribute(info[1], "Algorithm") ?? ""
        let digestMethod = EnvelopedDOM.attribute(refParts[1], "Algorithm") ?? ""
        for uri in [digestMethod, signatureMethod, c14n] where A.isSHA1(uri) {
            return .refused(A.sha1Refusal + " (\(uri))")
        }
        guard A.digests.contains(digestMethod), EnvelopedDOM.elementChildren(refParts[1]).isEmpty else {
            return .refused("algoritmul de rezumat \(quoted(digestMethod)) nu este acceptat (SHA-256, SHA-384 sau SHA-512)")
        }
        guard A.signatures.contains(signatureMethod), signatureMethodChildrenOK(info[1], algorithm: signatureMethod) else {
            return .refused("algoritmul de semnătură \(quoted(signatureMethod)) nu este acceptat (RSA-SHA256/384/512, RSA-PSS sau ECDSA-SHA256/384/512)")
        }
        guard A.canonicalizations.contains(c14n), onlyInclusiveNamespaces(info[0], algorithm: c14n) else {
            return .refused("metoda de canonicalizare \(quoted(c14n)) nu este acceptată (C14N 1.0 sau C14N exclusivă)")
        }

        // KeyInfo: X509Data with at least one X509Certificate; KeyName/KeyValue tolerated.
        var certificates: [Data] = []
        for child in EnvelopedDOM.elementChildren(keyInfo) {
            if EnvelopedDOM.isElement(child, ds, "KeyName") || EnvelopedDOM.isElement(child, ds, "KeyValue") { continue }
            guard EnvelopedDOM.isElement(child, ds, "X509Data") else {
                return .refused("ds:KeyInfo conține elementul \(EnvelopedDOM.name(child)), care nu este acceptat (sunt acceptate ds:X509Data, ds:KeyName și ds:KeyValue)")
            }
            for item in EnvelopedDOM.elementChildren(child) {
                guard EnvelopedDOM.namespace(item) == ds,
                      ["X509Certificate", "X509IssuerSerial", "X509SubjectName", "X509SKI", "X509CRL"].contains(EnvelopedDOM.localName(item)) else {
                    return .refused("ds:X509Data conține elementul \(EnvelopedDOM.name(item)), care nu este acceptat")
                }
                guard EnvelopedDOM.localName(item) == "X509Certificate" else { continue }
                guard let der = base64(EnvelopedDOM.text(item)), !der.isEmpty else {
                    return .refused("conținutul unui ds:X509Certificate nu este base64 valid")
                }
                certificates.append(der)
            }
        }
        guard !certificates.isEmpty else { return .refused(keyInfoRefusal) }
        let values = EnvelopedSignatureValues(
            signatureMethod: signatureMethod, digestMethod: digestMethod, certificates: certificates,
            referenceCanonicalization: transformAlgorithms[1], referencePrefixes: inclusivePrefixes(transforms[1]),
            digestValue: base64(EnvelopedDOM.text(refParts[2])), signatureValue: base64(EnvelopedDOM.text(parts[1])))
        return .shape(EnvelopedSignatureShape(signature: signature, signedInfo: signedInfo, canonicalization: c14n,
                                              signedInfoPrefixes: inclusivePrefixes(info[0]), values: values))
    }

    /// The PrefixList of an ec:InclusiveNamespaces child (exclusive C14N), "#default" kept as is.
    private static func inclusivePrefixes(_ method: xmlNodePtr) -> [String] {
        guard let list = EnvelopedDOM.elementChildren(method).first.flatMap({ EnvelopedDOM.attribute($0, "PrefixList") }) else { return [] }
        return list.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
    }

    /// base64 content with the white space XML allows in it (space, tab, CR, LF: base64Binary's
    /// collapse), decoded; nil when it is not base64. Byte by byte: a CharacterSet lookup for
    /// each character of a certificate cost more than the rest of the signature's structure.
    static func base64(_ text: String) -> Data? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for b in text.utf8 where b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { bytes.append(b) }
        return Data(base64Encoded: Data(bytes))
    }

    private static let keyInfoRefusal =
        "semnătura trebuie să conțină ds:KeyInfo/ds:X509Data cu cel puțin un ds:X509Certificate (certificatul semnatarului)"

    private static func quoted(_ s: String) -> String { s.isEmpty ? "(lipsă)" : "\"\(s)\"" }

    /// A canonicalization element has no children, except one ec:InclusiveNamespaces for exclusive C14N.
    private static func onlyInclusiveNamespaces(_ node: xmlNodePtr, algorithm: String) -> Bool {
        let kids = EnvelopedDOM.elementChildren(node)
        if kids.isEmpty { return true }
        return A.isExclusive(algorithm) && kids.count == 1 && EnvelopedDOM.isElement(kids[0], A.excC14NNamespace, "InclusiveNamespaces")
    }

    /// A signature method has no children, except the RSA-PSS parameters for RSA-PSS.
    private static func signatureMethodChildrenOK(_ node: xmlNodePtr, algorithm: String) -> Bool {
        let kids = EnvelopedDOM.elementChildren(node)
        if kids.isEmpty { return true }
        return A.rsaPSS.contains(algorithm) && kids.count == 1 && EnvelopedDOM.isElement(kids[0], A.pssNamespace, "RSAPSSParams")
    }
}

/// Read-only helpers over libxml2's tree; nothing here allocates libxml2 memory.
enum EnvelopedDOM {
    static func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    static func localName(_ n: xmlNodePtr) -> String { string(n.pointee.name) }

    static func namespace(_ n: xmlNodePtr) -> String? {
        guard let ns = n.pointee.ns, let href = ns.pointee.href else { return nil }
        return String(cString: href)
    }

    /// prefix:name as written, for messages.
    static func name(_ n: xmlNodePtr?) -> String {
        guard let n else { return "?" }
        if let ns = n.pointee.ns, let prefix = ns.pointee.prefix { return string(prefix) + ":" + localName(n) }
        return localName(n)
    }

    static func names(_ nodes: [xmlNodePtr]) -> String {
        nodes.isEmpty ? "nimic" : nodes.map { name($0) }.joined(separator: ", ")
    }

    static func isElement(_ n: xmlNodePtr, _ ns: String, _ local: String) -> Bool {
        n.pointee.type == XML_ELEMENT_NODE && localName(n) == local && namespace(n) == ns
    }

    static func elementChildren(_ n: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var c = n.pointee.children
        while let x = c {
            if x.pointee.type == XML_ELEMENT_NODE { out.append(x) }
            c = x.pointee.next
        }
        return out
    }

    /// An attribute without namespace, present (possibly empty) or nil.
    static func attribute(_ n: xmlNodePtr, _ attr: String) -> String? {
        var p = n.pointee.properties
        while let a = p {
            if a.pointee.ns == nil, string(a.pointee.name) == attr {
                var value = ""
                var c = a.pointee.children
                while let t = c {
                    value += string(t.pointee.content)
                    c = t.pointee.next
                }
                return value
            }
            p = a.pointee.next
        }
        return nil
    }

    /// The text and CDATA directly inside an element.
    static func text(_ n: xmlNodePtr) -> String {
        var out = ""
        var c = n.pointee.children
        while let x = c {
            if x.pointee.type == XML_TEXT_NODE || x.pointee.type == XML_CDATA_SECTION_NODE { out += string(x.pointee.content) }
            c = x.pointee.next
        }
        return out
    }

    /// Every element in the subtree of `root` (itself included) matching `predicate`, in
    /// document order; iterative, so no depth can exhaust the stack.
    static func elements(under root: xmlNodePtr, where predicate: (xmlNodePtr) -> Bool) -> [xmlNodePtr] {
        var found: [xmlNodePtr] = []
        var node: xmlNodePtr? = root
        while let n = node {
            if n.pointee.type == XML_ELEMENT_NODE {
                if predicate(n) { found.append(n) }
                if let first = n.pointee.children { node = first; continue }
            }
            var up: xmlNodePtr = n
            while up != root, up.pointee.next == nil, let parent = up.pointee.parent { up = parent }
            node = up == root ? nil : up.pointee.next
        }
        return found
    }
}
