import CCMXML
import COpenSSL
import CXMLSec
import Foundation

/// The enveloped signature checked in the submission reader's own pass over a file (a large
/// file's one read): where the signature stands and what it says (`Locator`), and the
/// reference's digest — the document minus the signature, canonicalised node by node — as the
/// nodes pass. Which canonicalization and digest the reference names is only known at the
/// signature, the root's last child: the document is canonicalised both ways the format allows
/// (inclusive, exclusive without a PrefixList), each digested with SHA-256, -384 and -512 — once
/// when the two forms are the same bytes (`Plain`: the root declares only its own namespace, and
/// nothing below declares or uses another), twice when the root says they may differ. Only an
/// exclusive PrefixList, an inclusive reference over a document that stopped being plain below
/// its root, or a pass that did not reach the end, leaves the digest to a read of its own
/// (`verdict(readAgain:)`).
public final class EnvelopedSignaturePass: ReaderObserver {
    private let locator = EnvelopedSignatureStream.Locator()
    private let eager: Bool
    private var candidates: [Candidate] = []
    private var sawRoot = false
    private var skipped = false
    private var skipDepth: Int?
    private var complete = false
    /// Both forms are one (`Plain`), so far; nil when the root made them two writers.
    private var plain: Plain?
    /// The verdict needed a read of its own (for the tests: how often the one pass was not enough).
    public private(set) var readAgain = false

    /// `eager`: canonicalised whatever the root says; otherwise only when the root declares the
    /// XML-DSig namespace (a file with a detached `.p7s` is seldom signed both ways).
    public init(eager: Bool) { self.eager = eager }

    /// One canonical form of the document, digested three ways as it is written.
    private final class Candidate {
        let mode: CanonicalWriter.Mode
        var digests: [(md: OpaquePointer, ctx: OpaquePointer)] = []
        var writer: CanonicalWriter?

        init(_ mode: CanonicalWriter.Mode) {
            self.mode = mode
            for md in [EVP_sha256(), EVP_sha384(), EVP_sha512()] {
                guard let md, let ctx = EVP_MD_CTX_new() else { continue }
                if EVP_DigestInit_ex(ctx, md, nil) == 1 { digests.append((md, ctx)) } else { EVP_MD_CTX_free(ctx) }
            }
            let contexts = digests.map(\.ctx)
            writer = CanonicalWriter(mode: mode) { bytes in
                for ctx in contexts { _ = EVP_DigestUpdate(ctx, bytes.baseAddress, bytes.count) }
            }
        }

        deinit { digests.forEach { EVP_MD_CTX_free($0.ctx) } }

        func digest(_ md: OpaquePointer) -> Data? {
            guard let ctx = digests.first(where: { $0.md == md })?.ctx else { return nil }
            var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            guard EVP_DigestFinal_ex(ctx, &out, &length) == 1 else { return nil }
            return Data(out.prefix(Int(length)))
        }
    }

    public func node(_ reader: OpaquePointer, type: Int32, depth: Int) {
        guard locator.node(reader, type: type, depth: depth) else { candidates = []; return }
        if let d = skipDepth {
            if depth > d { return }
            skipDepth = nil
            if type == 15 { return }
        }
        if !sawRoot, type == 1, let root = xmlTextReaderCurrentNode(reader) {
            sawRoot = true
            if eager || Self.declaresDSig(root) {
                plain = Plain(root: root)
                candidates = plain == nil ? [Candidate(.inclusive), Candidate(.exclusive(inclusivePrefixes: []))]
                    : [Candidate(.exclusive(inclusivePrefixes: []))]
            }
        }
        guard !candidates.isEmpty else { return }
        switch type {
        case 1:
            guard let node = xmlTextReaderCurrentNode(reader) else { candidates = []; return }
            let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
            if !skipped, depth == 1, EnvelopedSignatureStream.isSignature(node) {
                skipped = true
                if !isEmpty { skipDepth = depth }
                return
            }
            if depth > 0, plain?.keeps(node) == false { plain?.kept = false }
            candidates.forEach { $0.writer?.startElement(node, isEmpty: isEmpty) }
        case 15:
            guard let node = xmlTextReaderCurrentNode(reader) else { candidates = []; return }
            candidates.forEach { $0.writer?.endElement(node) }
        case 3, 4, 13, 14:
            let value = xmlTextReaderConstValue(reader)
            candidates.forEach { $0.writer?.text(value) }
        case 7:
            let target = xmlTextReaderConstName(reader), data = xmlTextReaderConstValue(reader)
            candidates.forEach { $0.writer?.processingInstruction(target: target, data: data) }
        default:
            break
        }
    }

    public func end(complete: Bool) {
        self.complete = complete
        candidates.forEach { $0.writer?.finish() }
    }

    /// nil when the document has no ds:Signature; otherwise the verdict, the reference's digest
    /// taken from the pass or, when the pass lacks it, from `readAgain` (the whole check, on a read of its own).
    /// `certificates`: those decoded before, by bytes (`CertificateCache`).
    public func verdict(certificates: CertificateCache = CertificateCache(), readAgain again: () -> SignatureVerdict?) -> SignatureVerdict? {
        guard complete else { readAgain = true; return again() }
        var lacking = false
        let verdict = EnvelopedSignatureStream.verdict(locator.found, namesDSig: { false }, certificates: certificates) { values in
            guard let md = SignatureValueCheck.digest(values.digestMethod) else { lacking = true; return nil }
            let mode: CanonicalWriter.Mode = EnvelopedSignatureAlgorithms.isExclusive(values.referenceCanonicalization)
                ? .exclusive(inclusivePrefixes: values.referencePrefixes) : .inclusive
            // A plain document's inclusive form is its exclusive form.
            let form = mode == .inclusive && plain?.kept == true ? .exclusive(inclusivePrefixes: []) : mode
            guard let digest = candidates.first(where: { $0.mode == form })?.digest(md) else { lacking = true; return nil }
            return digest
        }
        if lacking { readAgain = true; return again() }
        return verdict
    }

    /// When inclusive C14N and exclusive C14N without a PrefixList write the same bytes: the root
    /// declares no namespace but its own (so both render exactly that one there), and every other
    /// element is in that namespace, declares none and has no namespaced attribute (so both render
    /// nothing below the root).
    struct Plain {
        let namespace: xmlNsPtr?
        var kept = true

        /// nil when the root declares another namespace than its own.
        init?(root: xmlNodePtr) {
            namespace = root.pointee.ns
            var ns = root.pointee.nsDef
            while let n = ns {
                if n != root.pointee.ns { return nil }
                ns = n.pointee.next
            }
            guard Plain.attributesPlain(root) else { return nil }
        }

        func keeps(_ node: xmlNodePtr) -> Bool {
            kept && node.pointee.nsDef == nil && node.pointee.ns == namespace && Plain.attributesPlain(node)
        }

        private static func attributesPlain(_ node: xmlNodePtr) -> Bool {
            var a = node.pointee.properties
            while let attr = a {
                if attr.pointee.ns != nil { return false }
                a = attr.pointee.next
            }
            return true
        }
    }

    private static func declaresDSig(_ node: xmlNodePtr) -> Bool {
        var ns = node.pointee.nsDef
        while let n = ns {
            if let href = n.pointee.href, String(cString: href) == EnvelopedSignatureAlgorithms.dsigNamespace { return true }
            ns = n.pointee.next
        }
        return false
    }
}
