import CCMXML
import COpenSSL
import CXMLSec
import Foundation

/// The enveloped signature verified while streaming, so that memory stays flat whatever the
/// size of the document (`06-quality-targets.md`: a 200 MB file in ≤ 300 MB). Two reads:
///
/// 1. *Locate*: the reader counts every ds:Signature and notes where the first one stands; that
///    one — small — is expanded as a subtree and given to the same structural checks as the
///    DOM path (`EnvelopedSignatureStructure.inspect(signature:)`), and its SignedInfo is
///    canonicalised there by libxml2 itself (its ancestors, and so its namespaces, are still in
///    the reader's tree).
/// 2. *Digest*: the document minus the signature, canonicalised node by node
///    (`CanonicalWriter`), straight into the reference's digest.
///
/// (`EnvelopedSignaturePass` does both in the submission reader's own pass over a large file.)
/// Then the signature value is checked with OpenSSL against the KeyInfo certificates' keys.
/// xmlsec over a DOM (`verifyWithXMLSec`, in the tests' support) does the same; it is the oracle the
/// tests hold this verifier to, on every signed document of the corpus.
enum EnvelopedSignatureStream {
    private typealias A = EnvelopedSignatureAlgorithms

    static func verify(path: String, limits: ReadLimits, certificates: CertificateCache) -> SignatureVerdict? {
        guard let xml = StreamedXML(path: path, limits: limits) else {
            return .refused("fișierul nu poate fi citit pentru verificarea semnăturii")
        }
        return verify(first: xml, again: { StreamedXML(path: path, limits: limits) },
                      namesDSig: { StreamedXML.bytesNameDSig(path: path, data: nil) }, certificates: certificates)
    }

    static func verify(data: Data, limits: ReadLimits, certificates: CertificateCache) -> SignatureVerdict? {
        guard let xml = StreamedXML(data: data, limits: limits) else { return .refused("documentul XML nu poate fi citit") }
        return verify(first: xml, again: { StreamedXML(data: data, limits: limits) },
                      namesDSig: { StreamedXML.bytesNameDSig(path: nil, data: data) }, certificates: certificates)
    }

    private static func verify(first: StreamedXML, again: () -> StreamedXML?, namesDSig: () -> Bool,
                               certificates: CertificateCache) -> SignatureVerdict? {
        // What the submission reader refuses before a parse is never parsed here either.
        if let refusal = first.input.preflight() { return namesDSig() ? .refused(refusal.detail) : nil }
        return verdict(locate(first), namesDSig: namesDSig, certificates: certificates) { values in again().flatMap { canonicalDigest($0, values) } }
    }

    /// The verdict on what a read found, the reference's digest asked of `digest` once the
    /// signature's shape and algorithms are accepted (nil: the document could not be read for it).
    /// `certificates`: those decoded before, by bytes (`CertificateCache`).
    static func verdict(_ found: Located, namesDSig: () -> Bool, certificates cache: CertificateCache,
                        digest: (EnvelopedSignatureValues) -> Data?) -> SignatureVerdict? {
        if let problem = found.problem { return found.count > 0 || namesDSig() ? .refused(problem) : nil }
        guard found.count > 0 else { return nil }
        typealias P = EnvelopedSignatureStructure.Placement
        if found.count > 1 { return .refused(P.several(found.count)) }
        if found.depth == 0 { return .refused(P.enveloping) }
        if found.depth > 1 { return .refused(P.inside(found.parent)) }
        if let next = found.followedBy { return .refused(P.followedBy(next)) }
        guard let signed = found.signed else { return .refused(found.refusal ?? "semnătura nu poate fi citită") }
        let values = signed.values
        if let runtimeFailure = EnvelopedSignatureRuntime.failure { return .refused(runtimeFailure) }

        // Refused as xmlsec would be.
        let certificates: [OpaquePointer]
        switch A.preflight(signatureMethod: values.signatureMethod, digestMethod: values.digestMethod, certificates: values.certificates,
                           cache: cache) {
        case .refused(let why): return .refused(why)
        case .certificates(let decoded): certificates = decoded
        }
        defer { certificates.forEach { X509_free($0) } }

        // The reference first, as xmlsec: a changed document is said to be one.
        guard let digest = digest(values) else {
            return .refused("documentul nu a putut fi recitit pentru calculul rezumatului")
        }
        guard let declared = values.digestValue, declared == digest else {
            return .refused("semnătura nu corespunde conținutului: rezumatul (DigestValue) nu se potrivește cu documentul")
        }
        switch SignatureValueCheck.signer(of: signed.signedInfo, value: values.signatureValue,
                                          method: values.signatureMethod, certificates: certificates) {
        case .noSuitableKey:
            return .refused("din certificatul din ds:KeyInfo nu a putut fi obținută o cheie potrivită pentru algoritmul de semnătură")
        case .mismatch:
            return .refused("semnătura nu corespunde conținutului: valoarea semnăturii (SignatureValue) nu se verifică cu cheia certificatului")
        case .signer(let index):
            let carried = values.certificates.indices.filter { $0 != index }.map { SignerCertificate(der: values.certificates[$0]) }
            return .verified(signer: SignerCertificate(der: values.certificates[index]), carried: carried, signingTime: nil)
        }
    }

    // MARK: - pass 1: where the signature is, and what it says

    /// What the signature says, copied out of the reader's tree while it was there.
    struct Signed {
        var values: EnvelopedSignatureValues
        /// SignedInfo canonicalised with its own CanonicalizationMethod.
        var signedInfo: Data
    }

    struct Located {
        var count = 0
        var depth = -1
        var parent = "?"
        var followedBy: String?
        var signed: Signed?
        var refusal: String?
        var problem: String?
    }

    static func isSignature(_ node: xmlNodePtr) -> Bool {
        EnvelopedDOM.isElement(node, A.dsigNamespace, "Signature")
    }

    /// Where the signatures stand, node by node as a reader meets them: the first one at the
    /// root's level — small — is expanded and examined when met, and its nodes then passed by.
    final class Locator {
        private(set) var found = Located()
        /// The depth of the expanded signature while its nodes pass.
        private(set) var passing: Int?

        /// false when the signature cannot be expanded (the read stops there).
        func node(_ reader: OpaquePointer, type: Int32, depth: Int) -> Bool {
            if let d = passing {
                if depth > d { return true }
                passing = nil
                if type == 15 { return true }
            }
            guard type == 1, let node = xmlTextReaderCurrentNode(reader) else { return true }
            if found.count > 0, found.depth == 1, depth == 1, found.followedBy == nil { found.followedBy = EnvelopedDOM.name(node) }
            guard isSignature(node) else { return true }
            found.count += 1
            guard found.count == 1 else { return true }
            found.depth = depth
            if depth > 1 { found.parent = EnvelopedDOM.name(node.pointee.parent) }
            guard depth == 1 else { return true }
            guard let subtree = xmlTextReaderExpand(reader) else { return false }
            found.count += EnvelopedDOM.elements(under: subtree, where: isSignature).count - 1
            switch EnvelopedSignatureStructure.inspect(signature: subtree) {
            case .unsigned: found.refusal = "semnătura nu poate fi citită"
            case .refused(let why): found.refusal = why
            case .shape(let shape):
                if let info = canonicalSignedInfo(shape) {
                    found.signed = Signed(values: shape.values, signedInfo: info)
                } else {
                    found.refusal = "ds:SignedInfo nu a putut fi canonicalizat"
                }
            }
            if xmlTextReaderIsEmptyElement(reader) != 1 { passing = depth }
            return true
        }

        /// The read's end: `problem` when it did not reach the end of a well-formed document.
        func end(problem: String?) { found.problem = problem }
    }

    static func locate(_ xml: StreamedXML) -> Located {
        let locator = Locator()
        let reader = xml.reader
        var status = xmlTextReaderRead(reader)
        while status == 1 {
            let type = xmlTextReaderNodeType(reader), depth = Int(xmlTextReaderDepth(reader))
            if let refusal = xml.input.refusal(node: type, depth: depth) { locator.end(problem: refusal.detail); return locator.found }
            guard locator.node(reader, type: type, depth: depth) else { break }
            status = xmlTextReaderRead(reader)
        }
        if let refusal = xml.input.refusal {
            locator.end(problem: refusal.detail)
        } else if status != 0 || xml.firstError != nil {
            locator.end(problem: xml.firstError ?? "documentul XML nu poate fi citit")
        }
        return locator.found
    }

    /// SignedInfo through libxml2's C14N over the reader's tree: the node-set is SignedInfo's
    /// subtree, its namespaces those in scope there (the root's included, for inclusive C14N).
    private static func canonicalSignedInfo(_ shape: EnvelopedSignatureShape) -> Data? {
        // The reader's own document, not taken from it: the reader goes on freeing what it passed.
        guard let doc = shape.signedInfo.pointee.doc, let buffer = xmlAllocOutputBuffer(nil) else { return nil }
        defer { xmlOutputBufferClose(buffer) }
        let mode = A.isExclusive(shape.canonicalization) ? XML_C14N_EXCLUSIVE_1_0 : XML_C14N_1_0
        let withComments: Int32 = shape.canonicalization.hasSuffix("#WithComments") ? 1 : 0
        var prefixes: [UnsafeMutablePointer<xmlChar>?] = shape.signedInfoPrefixes.map { p in
            xmlStrdup(p)
        } + [nil]
        // libxml2's own deallocator, asked for: Swift 6 does not read the C global `xmlFree`.
        var release: xmlFreeFunc?
        xmlMemGet(&release, nil, nil, nil)
        defer { prefixes.forEach { if let p = $0 { release?(p) } } }
        let ok = prefixes.withUnsafeMutableBufferPointer { list in
            xmlC14NExecute(doc, withinSubtree, UnsafeMutableRawPointer(shape.signedInfo), Int32(mode.rawValue),
                           shape.signedInfoPrefixes.isEmpty ? nil : list.baseAddress, withComments, buffer)
        }
        guard ok >= 0, let content = xmlOutputBufferGetContent(buffer) else { return nil }
        return Data(bytes: content, count: Int(xmlOutputBufferGetSize(buffer)))
    }

    // MARK: - pass 2: the reference's digest

    /// The canonical form of the whole document minus the signature (and, for URI="", minus
    /// comments), digested as it is written.
    static func canonicalDigest(_ xml: StreamedXML, _ values: EnvelopedSignatureValues) -> Data? {
        guard let md = SignatureValueCheck.digest(values.digestMethod), let ctx = EVP_MD_CTX_new() else { return nil }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestInit_ex(ctx, md, nil) == 1 else { return nil }
        let mode: CanonicalWriter.Mode = A.isExclusive(values.referenceCanonicalization)
            ? .exclusive(inclusivePrefixes: values.referencePrefixes) : .inclusive
        let writer = CanonicalWriter(mode: mode) { bytes in _ = EVP_DigestUpdate(ctx, bytes.baseAddress, bytes.count) }
        guard canonicalize(xml, into: writer) else { return nil }
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(ctx, &out, &length) == 1 else { return nil }
        return Data(out.prefix(Int(length)))
    }

    /// Feeds the document to `writer`, leaving out the first ds:Signature child of the root and
    /// every comment; false when the document cannot be read to its end.
    static func canonicalize(_ xml: StreamedXML, into writer: CanonicalWriter) -> Bool {
        let reader = xml.reader
        var skipped = false
        var status = xmlTextReaderRead(reader)
        while status == 1 {
            switch xmlTextReaderNodeType(reader) {
            case 1:
                guard let node = xmlTextReaderCurrentNode(reader) else { return false }
                if !skipped, xmlTextReaderDepth(reader) == 1, isSignature(node) {
                    skipped = true
                    status = xmlTextReaderNext(reader)
                    continue
                }
                writer.startElement(node, isEmpty: xmlTextReaderIsEmptyElement(reader) == 1)
            case 15:
                guard let node = xmlTextReaderCurrentNode(reader) else { return false }
                writer.endElement(node)
            case 3, 4, 13, 14:
                writer.text(xmlTextReaderConstValue(reader))
            case 7:
                writer.processingInstruction(target: xmlTextReaderConstName(reader), data: xmlTextReaderConstValue(reader))
            case 5, 10:
                return false
            default:
                break
            }
            status = xmlTextReaderRead(reader)
        }
        writer.finish()
        return status == 0 && xml.firstError == nil
    }
}

/// libxml2's C14N visibility: a node (an attribute, a namespace through its element) inside
/// the subtree given as user data.
private let withinSubtree: xmlC14NIsVisibleCallback = { user, node, parent in
    guard let user, let node else { return 0 }
    let top = user.assumingMemoryBound(to: xmlNode.self)
    // Namespace nodes are xmlNs structures: only their `type` (same offset) may be read.
    var n: xmlNodePtr? = node.pointee.type == XML_NAMESPACE_DECL ? parent : node
    while let x = n {
        if x == top { return 1 }
        n = x.pointee.parent  // an attribute's parent field sits where an element's does
    }
    return 0
}
