@testable import CCMSignature
import CCMXML
import COpenSSL
import CXMLSec
import Foundation

/// The oracle the streaming verifier is held to (`SignatureOracle`): xmlsec over a DOM of the
/// whole document, restricted to the one accepted shape. Only the tests use it.
extension EnvelopedSignature {
    /// The same verdict from xmlsec over a DOM of the whole document (the oracle).
    static func verifyWithXMLSec(path: String) -> SignatureVerdict? {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return .refused("fișierul nu poate fi citit pentru verificarea semnăturii")
        }
        return verifyWithXMLSec(data: data)
    }

    static func verifyWithXMLSec(data: Data) -> SignatureVerdict? {
        // Runs xmlInitParser first in any case; xmlsec's own readiness is looked at only
        // once a signature was found.
        let runtimeFailure = EnvelopedSignatureRuntime.failure

        // A document that cannot be examined safely (not well-formed, or with a DTD) is
        // refused when it looks signed — its bytes name the XML-DSig namespace, or its tree
        // has a ds:Signature — and otherwise has no signature (nil): its XML is refused
        // elsewhere, and nil never stands for an accepted signature.
        let namesDSig = data.range(of: Data(EnvelopedSignatureAlgorithms.dsigNamespace.utf8)) != nil
        if let refusal = strictRefusal(data) { return namesDSig ? .refused(refusal.detail) : nil }
        let parsed = parse(data)
        guard let doc = parsed.doc else {
            return namesDSig ? .refused(parsed.problem ?? "documentul XML nu poate fi citit") : nil
        }
        defer { xmlFreeDoc(doc) }
        let root = xmlDocGetRootElement(doc)
        if let problem = parsed.problem {
            let hasSignature = root.map { EnvelopedSignatureStructure.signatures(under: $0).isEmpty == false } ?? false
            return namesDSig || hasSignature ? .refused(problem) : nil
        }
        guard let root else { return namesDSig ? .refused("documentul XML nu are element rădăcină") : nil }

        switch EnvelopedSignatureStructure.inspect(root: root) {
        case .unsigned:
            return nil
        case .refused(let why):
            return .refused(why)
        case .shape(let shape):
            if let runtimeFailure { return .refused(runtimeFailure) }
            let log = EnvelopedSignatureErrorLog()
            return log.collecting { cryptographic(shape, log: log) }
        }
    }

    // MARK: - parsing

    /// What the submission reader's input (`XMLInput`) refuses of these bytes, before a parse or
    /// while its reader goes through them: the streaming verifier reads through it, so the oracle
    /// judges only what it lets through.
    static func strictRefusal(_ data: Data) -> XMLInput.Refusal? {
        let input = XMLInput(bytes: data, limits: ReadLimits())
        if let refusal = input.preflight() { return refusal }
        guard let reader = input.reader() else { return nil }
        defer { xmlFreeTextReader(reader) }
        xmlTextReaderSetStructuredErrorHandler(reader, { _, _ in }, nil)
        while xmlTextReaderRead(reader) == 1 {
            if let refusal = input.refusal(node: xmlTextReaderNodeType(reader), depth: Int(xmlTextReaderDepth(reader))) { return refusal }
        }
        return input.refusal
    }

    /// libxml2 DOM, XML_PARSE_NONET only (no entity substitution, no DTD loading or default
    /// attributes, default size limits). A document with a DTD is refused. Parser errors are
    /// kept off stderr and read back from the context.
    static func parse(_ data: Data) -> (doc: xmlDocPtr?, problem: String?) {
        guard data.count < Int(Int32.max) else { return (nil, "documentul este prea mare pentru verificarea semnăturii") }
        guard let ctxt = xmlNewParserCtxt() else { return (nil, "analizorul XML nu a putut fi creat") }
        defer { xmlFreeParserCtxt(ctxt) }
        if let sax = ctxt.pointee.sax { sax.pointee.serror = { _, _ in } }
        let doc: xmlDocPtr? = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            return xmlCtxtReadMemory(ctxt, base.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, nil,
                                     Int32(XML_PARSE_NONET.rawValue))
        }
        let wellFormed = ctxt.pointee.wellFormed != 0 && ctxt.pointee.nsWellFormed != 0
        guard let doc, wellFormed else {
            let e = ctxt.pointee.lastError
            var message = e.message.map { String(cString: $0) } ?? ""
            while message.last == "\n" || message.last == " " { message.removeLast() }
            let at = e.line > 0 ? " (linia \(e.line))" : ""
            return (doc, "documentul XML nu este corect format" + (message.isEmpty ? "" : ": \(message)") + at)
        }
        var hasDTD = doc.pointee.intSubset != nil || doc.pointee.extSubset != nil
        var child = doc.pointee.children
        while let c = child {
            if c.pointee.type.rawValue == 14 /* XML_DTD_NODE */ { hasDTD = true }
            child = c.pointee.next
        }
        if hasDTD { return (doc, "documentul conține o declarație DOCTYPE (DTD), care nu este acceptată") }
        return (doc, nil)
    }

    // MARK: - cryptography

    private typealias A = EnvelopedSignatureAlgorithms

    private static func cryptographic(_ shape: EnvelopedSignatureShape, log: EnvelopedSignatureErrorLog) -> SignatureVerdict {
        // The certificates of KeyInfo, each with its public key, for naming the signer.
        let certificates: [OpaquePointer]
        switch A.preflight(signatureMethod: shape.values.signatureMethod, digestMethod: shape.values.digestMethod, certificates: shape.values.certificates) {
        case .refused(let why): return .refused(why)
        case .certificates(let decoded): certificates = decoded
        }
        defer { certificates.forEach { X509_free($0) } }

        guard let manager = xmlSecKeysMngrCreate() else { return .refused("xmlsec: managerul de chei nu a putut fi creat" + log.suffix) }
        defer { xmlSecKeysMngrDestroy(manager) }
        guard xmlSecOpenSSLAppDefaultKeysMngrInit(manager) >= 0 else {
            return .refused("xmlsec: managerul de chei nu a putut fi inițializat" + log.suffix)
        }
        guard let ctx = xmlSecDSigCtxCreate(manager) else { return .refused("xmlsec: contextul de verificare nu a putut fi creat" + log.suffix) }
        defer { xmlSecDSigCtxDestroy(ctx) }

        // Only the empty URI; only the allowed transforms; the key only from X509Data, taken
        // from the leaf certificate without verifying its chain (the caller does that).
        ctx.pointee.enabledReferenceUris = xmlSecTransformUriType(xmlSecTransformUriTypeEmpty)
        ctx.pointee.flags |= UInt32(XMLSEC_DSIG_FLAGS_IGNORE_MANIFESTS)
        ctx.pointee.keyInfoReadCtx.flags |= UInt32(XMLSEC_KEYINFO_FLAGS_X509DATA_DONT_VERIFY_CERTS)
        let enabledKeyData = field(ctx, \xmlSecDSigCtx.keyInfoReadCtx.enabledKeyData)
        guard let x509Klass = xmlSecOpenSSLKeyDataX509GetKlass(),
              xmlSecPtrListAdd(enabledKeyData, UnsafeMutableRawPointer(mutating: x509Klass)) >= 0 else {
            return .refused("xmlsec: datele de cheie nu au putut fi restrânse la X509Data" + log.suffix)
        }
        let referenceTransforms = A.referenceTransforms, signatureTransforms = A.signatureTransforms
        guard !referenceTransforms.isEmpty, !signatureTransforms.isEmpty else {
            return .refused("xmlsec: transformările permise nu sunt disponibile" + log.suffix)
        }
        for t in referenceTransforms where xmlSecDSigCtxEnableReferenceTransform(ctx, t) < 0 {
            return .refused("xmlsec: transformările referinței nu au putut fi restrânse" + log.suffix)
        }
        for t in signatureTransforms where xmlSecDSigCtxEnableSignatureTransform(ctx, t) < 0 {
            return .refused("xmlsec: transformările semnăturii nu au putut fi restrânse" + log.suffix)
        }

        guard xmlSecDSigCtxVerify(ctx, shape.signature) >= 0 else {
            if ctx.pointee.signKey == nil {
                return .refused("din certificatul din ds:KeyInfo nu a putut fi obținută o cheie potrivită pentru algoritmul de semnătură" + log.suffix)
            }
            return .refused("semnătura nu a putut fi verificată" + log.suffix)
        }

        let references = field(ctx, \xmlSecDSigCtx.signedInfoReferences)
        guard ctx.pointee.status == xmlSecDSigStatusSucceeded else {
            if xmlSecPtrListGetSize(references) >= 1, let item = xmlSecPtrListGetItem(references, 0) {
                let reference = item.assumingMemoryBound(to: xmlSecDSigReferenceCtx.self)
                if reference.pointee.status != xmlSecDSigStatusSucceeded {
                    return .refused("semnătura nu corespunde conținutului: rezumatul (DigestValue) nu se potrivește cu documentul")
                }
            }
            return .refused("semnătura nu corespunde conținutului: valoarea semnăturii (SignatureValue) nu se verifică cu cheia certificatului")
        }
        // Belt and braces: what xmlsec processed is what the structural checks accepted.
        guard xmlSecPtrListGetSize(references) == 1, let item = xmlSecPtrListGetItem(references, 0) else {
            return .refused("semnătura trebuie să aibă exact o referință (ds:Reference)")
        }
        let reference = item.assumingMemoryBound(to: xmlSecDSigReferenceCtx.self)
        guard reference.pointee.status == xmlSecDSigStatusSucceeded,
              let uri = reference.pointee.uri, uri.pointee == 0 else {
            return .refused("referința trebuie să fie URI=\"\"")
        }

        // The signer: the certificate of KeyInfo whose public key is the one that verified.
        guard let key = ctx.pointee.signKey, let evp = publicKey(of: key) else {
            return .refused("cheia care a verificat semnătura nu poate fi citită" + log.suffix)
        }
        var matches = certificates.indices.filter { i in
            guard let pub = X509_get0_pubkey(certificates[i]) else { return false }
            return EVP_PKEY_eq(pub, evp) == 1
        }
        if matches.count > 1, let keyCert = xmlsecKeyCertificate(key) {
            // Several certificates share the key: the one xmlsec took the key from.
            let chosen = OpenSSL.der(keyCert)
            if let i = matches.first(where: { shape.values.certificates[$0] == chosen }) { matches = [i] }
        }
        guard let signerIndex = matches.first else {
            return .refused("cheia care a verificat semnătura nu aparține niciunui certificat din ds:KeyInfo")
        }
        let carried = shape.values.certificates.indices.filter { $0 != signerIndex }.map { SignerCertificate(der: shape.values.certificates[$0]) }
        return .verified(signer: SignerCertificate(der: shape.values.certificates[signerIndex]), carried: carried, signingTime: nil)
    }

    /// A pointer to a field of the xmlsec context (for the functions taking list pointers).
    private static func field<T>(_ ctx: xmlSecDSigCtxPtr, _ path: WritableKeyPath<xmlSecDSigCtx, T>) -> UnsafeMutablePointer<T> {
        // Imported C struct fields are stored properties: the offset always exists.
        guard let offset = MemoryLayout<xmlSecDSigCtx>.offset(of: path) else { preconditionFailure("no storage for \(path)") }
        return (UnsafeMutableRawPointer(ctx) + offset).assumingMemoryBound(to: T.self)
    }

    /// The OpenSSL public key inside xmlsec's key (RSA or EC; owned by xmlsec, not to be freed).
    private static func publicKey(of key: xmlSecKeyPtr) -> OpaquePointer? {
        guard let value = xmlSecKeyGetValue(key) else { return nil }
        let id = value.pointee.id
        if id == xmlSecOpenSSLKeyDataRsaGetKlass() { return xmlSecOpenSSLKeyDataRsaGetEvp(value) }
        if id == xmlSecOpenSSLKeyDataEcdsaGetKlass() { return xmlSecOpenSSLKeyDataEcdsaGetEvp(value) }
        return nil
    }

    /// The certificate xmlsec took the key from (owned by xmlsec).
    private static func xmlsecKeyCertificate(_ key: xmlSecKeyPtr) -> OpaquePointer? {
        guard let klass = xmlSecOpenSSLKeyDataX509GetKlass(), let data = xmlSecKeyGetData(key, klass) else { return nil }
        return xmlSecOpenSSLKeyDataX509GetKeyCert(data)
    }
}

extension EnvelopedSignatureStructure {
    /// The checks of the whole tree: where the one signature stands, then the signature itself.
    static func inspect(root: xmlNodePtr) -> Outcome {
        let found = signatures(under: root)
        guard let signature = found.first else { return .unsigned }
        guard found.count == 1 else { return .refused(Placement.several(found.count)) }
        if signature == root { return .refused(Placement.enveloping) }
        guard signature.pointee.parent == root else {
            return .refused(Placement.inside(EnvelopedDOM.name(signature.pointee.parent)))
        }
        var sibling = signature.pointee.next
        while let s = sibling {
            if s.pointee.type.rawValue == 1 /* XML_ELEMENT_NODE */ { return .refused(Placement.followedBy(EnvelopedDOM.name(s))) }
            sibling = s.pointee.next
        }
        return inspect(signature: signature)
    }

    /// Every ds:Signature element under (and including) `root`.
    static func signatures(under root: xmlNodePtr) -> [xmlNodePtr] {
        EnvelopedDOM.elements(under: root) { EnvelopedDOM.isElement($0, EnvelopedSignatureAlgorithms.dsigNamespace, "Signature") }
    }
}

extension EnvelopedSignatureAlgorithms {
    /// Transforms a reference may use: enveloped-signature, the four canonicalizations and the
    /// three digests. Only those of them the library implements are returned.
    static var referenceTransforms: [xmlSecTransformId] {
        [transform(enveloped, usage: xmlSecTransformUsageDSigTransform)].compactMap { $0 }
            + canonicalizations.compactMap { transform($0, usage: xmlSecTransformUsageDSigTransform) }
            + digests.compactMap { transform($0, usage: xmlSecTransformUsageDigestMethod) }
    }

    /// Transforms the signature itself may use: the canonicalizations and the signature methods.
    static var signatureTransforms: [xmlSecTransformId] {
        canonicalizations.compactMap { transform($0, usage: xmlSecTransformUsageC14NMethod) }
            + signatures.compactMap { transform($0, usage: xmlSecTransformUsageSignatureMethod) }
    }
}
