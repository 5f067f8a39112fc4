import CCMCore
import CCMSignature
import CCMXML
import Foundation

/// What ccm says of one submission before the database is asked: the read (size, prolog,
/// well-formedness, XSD, structure: F01, F02) and, when it is XML, its signatures (F03–F05), as
/// `Judging` runs them. The entry point of the fuzzer (`ccm-fuzz`); the rules that need
/// the registry or the history (F06, F07…, C…) are not part of it.
public struct Inspection {
    public struct Report: Equatable, Sendable {
        /// Sorted as `DocumentJudge.verdict` sorts a file's reasons.
        public var findings: [Finding] = []
        public var header: DocumentHeader?
        public var certificates = 0
        public var tally = DocumentTally()
        /// SHA-256 of each accepted signer certificate.
        public var signers: [String] = []
        public var signatureNote: String?
    }

    let reader: SubmissionReader
    let gate: SignatureGate
    let receivedAt: Date

    public init(schema: SubmissionSchema, trust: TrustMaterial, receivedAt: Date, limits: ReadLimits = ReadLimits()) {
        reader = SubmissionReader(schema: schema, limits: limits)
        gate = SignatureGate(trust: trust, readLimits: limits)
        self.receivedAt = receivedAt
    }

    /// A file, with its `<path>.p7s` when there is one: exactly what `ccm ingest` reads.
    public func inspect(path: String) -> Report {
        let sink = SubmissionRecorder()
        let read = reader.read(path: path, into: sink)
        return report(read, sink) { gate.check(InboxFile(path: path, receivedAt: receivedAt), enveloped: read.signed) }
    }

    /// The same for bytes in memory: the file's content and, if any, its detached `.p7s`.
    public func inspect(xml: Data, p7s: Data?, name: String = "<memorie>") -> Report {
        let sink = SubmissionRecorder()
        let read = reader.read(bytes: xml, name: name, into: sink)
        return report(read, sink) { gate.check(xml: xml, p7s: p7s, receivedAt: receivedAt, enveloped: read.signed) }
    }

    private func report(_ read: ReadResult, _ sink: SubmissionRecorder, signatures: () -> SignatureGate.Outcome) -> Report {
        var r = Report(header: sink.header, certificates: sink.certificates.count, tally: read.tally)
        var all = read.findings
        // Signatures are judged only once the file is known to be XML, as in `Judging`.
        if !read.notXML {
            let outcome = signatures()
            all += outcome.findings
            r.signers = outcome.signers.map(\.sha256)
            r.signatureNote = outcome.note
        }
        r.findings = FileVerdict.ordered(all)
        return r
    }
}

extension SignatureGate {
    /// `check(_:)` for a file in memory: the detached signature over `xml` when `p7s` is given,
    /// then the enveloped one.
    func check(xml: Data, p7s: Data?, receivedAt: Date, enveloped: Bool) -> Outcome {
        check(p7s: p7s.map { .bytes($0) } ?? .absent, receivedAt: receivedAt,
              detached: { DetachedSignature.verify(signature: $0, content: xml, certificates: trust.certificates) },
              enveloped: enveloped ? { EnvelopedSignature.verify(document: xml, limits: readLimits, certificates: trust.certificates) } : nil)
    }
}
