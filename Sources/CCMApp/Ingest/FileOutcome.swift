import CCMCore
import Foundation

/// What happened to one file: the line `ingest --json` prints (`04-outputs.md` §3).
public struct FileOutcome {
    public struct CertificateLine {
        public var serie: String
        public var numar: String
        public var operatie: CertificateOperation?
        public var status: CertificateStatus
        public var errors: [Finding]
    }

    public var file: String
    public var sha256: String
    public var status: DocumentStatus
    /// Who signed, and what the verdict could not check (revocation without a CRL); nil unsigned or off.
    public var signature: String? = nil
    public var cui: String?
    public var luna: String?
    public var tip: String?
    public var idDocument: String?
    public var errors: [Finding]
    public var certificates: [CertificateLine]
    /// Certificates stored (kept even when the per-certificate lines are not).
    public var certificateCount = 0
    /// Where the file went (archive or quarantine); nil when it stayed in the inbox.
    public var storedAs: String?
    /// The file was judged and recorded by an earlier run whose move did not happen (a full
    /// disk, a stop): this run only finishes the move. `status` is that verdict, not a new one
    /// (and not DUPLICAT: no other file brought these bytes).
    public var judgedEarlier = false

    /// What a person reads beside the status when it is not a new verdict.
    public var note: String? {
        guard judgedEarlier else { return nil }
        let verdict = status == .respins ? "respins" : "înregistrat", place = status == .respins ? "carantină" : "arhivă"
        return "\(verdict) la o rulare anterioară; " + (storedAs == nil ? "mutarea în \(place) nu a reușit nici acum" : "acum doar mutat în \(place)")
    }

    public var json: JSON {
        .object([
            ("file", .string(file)), ("sha256", .string(sha256)), ("status", .string(status.rawValue)),
            ("cui", .str(cui)), ("luna", .str(luna)), ("tip", .str(tip)), ("idDocument", .str(idDocument)),
            ("signature", .str(signature)), ("judgedEarlier", .bool(judgedEarlier)), ("note", .str(note)),
            ("errors", .array(errors.map(JSON.error))),
            ("certificates", .array(certificates.map { c in
                .object([("serie", .string(c.serie)), ("numar", .string(c.numar)), ("operatie", .str(c.operatie?.rawValue)),
                         ("status", .string(c.status.rawValue)), ("errors", .array(c.errors.map(JSON.error)))])
            })),
        ])
    }
}
