import CCMCore
import CCMFiles
import CCMRuntime
import CCMSignature
import CCMXML
import Foundation

/// The signatures of one file (`01-submission-format.md` §4): enveloped XML-DSig and/or a
/// detached `.p7s`, each verified, each signer certificate judged at the receipt time.
struct SignatureGate {
    let trust: TrustMaterial
    /// The largest `.p7s` read (`max_signature_mb`); a larger one is F04 unread.
    var maxSignatureBytes = Settings.defaultMaxSignatureBytes
    /// The submission reader's limits, which the enveloped signature's reads keep too.
    var readLimits = ReadLimits()

    /// The same check on the trust decoded again, for another thread.
    func decodedAgain() -> sending SignatureGate {
        SignatureGate(trust: TrustMaterial(anchors: trust.anchors, crls: trust.crls), maxSignatureBytes: maxSignatureBytes,
                      readLimits: readLimits)
    }

    struct Outcome: Sendable {
        var findings: [Finding] = []
        var signers: [CertificateCheck.Accepted] = []
        /// What the verdict says beyond pass/fail: who signed, revocation not checked, signingTime.
        var note: String?
        /// The libraries' own words about a refusal: the operator's log has them, no message does.
        var technical: [String] = []
    }

    /// `enveloped`: the streaming read saw a `ds:Signature` (otherwise no DOM is built: an
    /// unsigned 200 MB file would otherwise cost gigabytes for nothing).
    func check(_ file: InboxFile, enveloped: Bool) -> Outcome {
        logged(file, check(p7s: SignatureFile.read(file.path + ".p7s", maxBytes: maxSignatureBytes), receivedAt: file.receivedAt,
                           detached: { DetachedSignature.verify(signature: $0, contentPath: file.path, certificates: trust.certificates) },
                           enveloped: enveloped ? { EnvelopedSignature.verify(path: file.path, limits: readLimits, certificates: trust.certificates) } : nil))
    }

    /// The same for a file whose bytes are held (`PreparedFile`): verified from them, not read
    /// again; the enveloped signature from what `pass` saw of the reader's parse when it is enough.
    func check(_ file: InboxFile, xml: Data, enveloped: Bool, pass: EnvelopedSignaturePass? = nil) -> Outcome {
        let again = { EnvelopedSignature.verify(document: xml, limits: readLimits, certificates: trust.certificates) }
        return logged(file, check(p7s: SignatureFile.read(file.path + ".p7s", maxBytes: maxSignatureBytes), receivedAt: file.receivedAt,
                                  detached: { DetachedSignature.verify(signature: $0, content: xml, certificates: trust.certificates) },
                                  enveloped: enveloped ? { pass.map { $0.verdict(certificates: trust.certificates, readAgain: again) } ?? again() } : nil))
    }

    /// The signatures of a file read once, streaming (`PreparedFile` over its hold limit): made
    /// ready before the read (the `.p7s` read, its structure waiting for the content), fed by it,
    /// judged after it.
    final class Streamed {
        let gate: SignatureGate
        let file: InboxFile
        let p7s: SignatureFile.Read
        let detached: DetachedSignatureStream?
        let enveloped: EnvelopedSignaturePass

        init(_ gate: SignatureGate, _ file: InboxFile) {
            self.gate = gate
            self.file = file
            p7s = SignatureFile.read(file.path + ".p7s", maxBytes: gate.maxSignatureBytes)
            if case .bytes(let data) = p7s { detached = DetachedSignatureStream(signature: data, certificates: gate.trust.certificates) } else { detached = nil }
            enveloped = EnvelopedSignaturePass(eager: detached == nil)
        }

        /// The file's next bytes, in order: the detached signature's content.
        func update(_ bytes: UnsafeRawBufferPointer) { detached?.update(bytes) }

        /// Once every byte went by: the enveloped signature when the read saw one (read again only
        /// when the pass lacks its digest, `EnvelopedSignaturePass`).
        func outcome(_ read: ReadResult) -> Outcome {
            if let judged { return judged }
            let out = gate.logged(file, gate.check(p7s: p7s, receivedAt: file.receivedAt,
                                         detached: { [detached] _ in detached?.verdict() ?? .refused("fișierul .p7s nu este o semnătură CMS") },
                                         enveloped: read.signed ? { [self] in
                                             enveloped.verdict(certificates: gate.trust.certificates, readAgain: {
                                                 EnvelopedSignature.verify(path: file.path, limits: gate.readLimits, certificates: gate.trust.certificates)
                                             })
                                         } : nil))
            judged = out
            return out
        }

        /// Judged once: the digests behind it are spent.
        private var judged: Outcome?
    }

    /// The detached signature as read (`SignatureFile`), verified by `detached`, then the
    /// enveloped one when there is one, judged together.
    func check(p7s: SignatureFile.Read, receivedAt: Date, detached: (Data) -> SignatureVerdict,
               enveloped: (() -> SignatureVerdict?)?) -> Outcome {
        var verdicts: [SignatureVerdict] = []
        switch p7s {
        case .absent: break
        case .refused(let why): verdicts.append(.refused(why))
        case .bytes(let data): verdicts.append(detached(data))
        }
        if let enveloped, let verdict = enveloped() { verdicts.append(verdict) }
        return judge(verdicts, receivedAt: receivedAt)
    }

    /// The libraries' own words about a refusal go to the operator's log.
    fileprivate func logged(_ file: InboxFile, _ out: Outcome) -> Outcome {
        for t in out.technical { Log.info("\(file.name): semnătura refuzată; detaliu tehnic: \(t)") }
        return out
    }

    /// The verdicts of a file's signatures (detached first, then enveloped), each signer judged at
    /// the receipt time; shared by every `check`.
    func judge(_ verdicts: [SignatureVerdict], receivedAt: Date) -> Outcome {
        var out = Outcome()
        guard !verdicts.isEmpty else { out.findings = [F03Unsigned.finding()]; return out }
        var notes: [String] = []
        for v in verdicts {
            switch v {
            case .refused(let detail, let technical):
                out.findings.append(F04BadSignature.finding(detail))
                if let technical { out.technical.append(technical) }
            case .verified(let signer, let carried, let signingTime):
                switch CertificateCheck.check(signer: signer, carried: carried, trust: trust, at: receivedAt) {
                case .failure(let f):
                    out.findings.append(F05SignerCertificate.finding(f.detail, publicDetail: f.publicDetail))
                    if let t = f.technical { out.technical.append(t) }
                case .success(let accepted):
                    out.signers.append(accepted)
                    var note = "semnat de \(accepted.subject) (certificat \(accepted.sha256.prefix(16))…)"
                    if let t = signingTime { note += ", signingTime declarat \(t)" }
                    if !accepted.unchecked.isEmpty {
                        note += "; revocare neverificată pentru emitentul \(accepted.unchecked.joined(separator: ", ")) (nicio listă CRL încărcată)"
                    }
                    notes.append(note)
                }
            }
        }
        out.note = notes.isEmpty ? nil : notes.joined(separator: " | ")
        return out
    }
}
