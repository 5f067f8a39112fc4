import CCMCore
import CCMStore
import CCMXML
import Foundation

/// The verdict of one file: its header, certificates and end judged by the `DocumentJudge`
/// against its facts, its certificates written into its savepoint in batches as they are judged
/// (a file too large to hold is read here, once, streaming: `PreparedFile.readOnce`). It ends with what the file
/// is (`FileOutcome`) and how its record closes; where the file goes and the commit come after.
final class Judging: SubmissionSink {
    let file: InboxFile
    /// Its digest, size and signatures known once read (when judged, for a file too large to hold).
    private(set) var prepared: PreparedFile
    let judge: DocumentJudge
    let deployment: Deployment
    let unit: IngestUnitOfWork<IngestPipeline.Pending>
    private var facts: DocumentFacts
    let keepCertificateLines: Bool
    /// The signature check; nil when signatures are off (TEST deployments only).
    let gate: SignatureGate?
    let settings: Settings

    /// What the file ends as, and how its record closes (nil: a DUPLICAT, nothing recorded).
    struct Judged {
        var outcome: FileOutcome
        var recordId: Int?
        var closing: IngestUnitOfWork<IngestPipeline.Pending>.Closing?
        /// A file read only now: its bytes' records, found at its end (nothing of it is kept then).
        var earlier: DocumentStore.Earlier?
    }

    init(_ prepared: PreparedFile, facts: DocumentFacts, unit: IngestUnitOfWork<IngestPipeline.Pending>, judge: DocumentJudge,
         deployment: Deployment, settings: Settings, gate: SignatureGate?, keepCertificateLines: Bool) {
        self.prepared = prepared; file = prepared.file; self.facts = facts; self.unit = unit; self.judge = judge
        self.deployment = deployment; self.settings = settings; self.gate = gate; self.keepCertificateLines = keepCertificateLines
        firstBatchHistory = facts.firstBatch
    }

    private var header: DocumentHeader?
    private var context: FileContext?
    private var findings: [Finding] = []
    private var duplicate: DocumentStore.Recorded?
    /// Its month was detached: it is not judged (`DetachedMonth`).
    private var detached: YearMonth?
    /// Set while the document is being stored (its rows may be on the server already).
    private var writer: CertificateWriter?
    private var documentId: Int?
    private var practitioners = ProviderFacts()
    private var lines: [FileOutcome.CertificateLine] = []
    private var firstBatchHistory: Neighbourhoods?
    /// A system failure (database) met inside a callback: ends the file, surfaces to the run.
    private var failure: Error?
    /// The one read of a file too large to hold (nil: its content was held).
    private var streamed: PreparedFile.Pass?
    /// The receipt's day in Bucharest, reckoned once.
    private lazy var receiptDay = Bucharest.localDate(of: file.receivedAt)

    /// Judges the file (replaying what its preparation read, or reading it now); throws only for
    /// system failures (the file then stays).
    func run(reader: SubmissionReader) throws -> Judged {
        let read: ReadResult
        if let content = prepared.content {
            if let h = content.header, header(h) {
                for (i, c) in content.certificates.enumerated() {
                    certificate(c, content: i < content.verdicts.count ? content.verdicts[i] : nil)
                }
            }
            read = content.read
        } else {
            let pass = try PreparedFile.readOnce(prepared, reader: reader, gate: gate, into: self)
            (prepared.sha256, prepared.size) = (pass.sha256, pass.size)
            read = pass.read
            streamed = pass
        }
        judgeQueue()
        do {
            if let streamed, let earlier = try factsAtEnd(streamed) {
                try discardRows()
                return Judged(outcome: outcome(.duplicat, errors: [], signature: nil, recorded: nil), recordId: nil, closing: nil, earlier: earlier)
            }
            return try settle(read)
        } catch {
            try? discardRows()
            throw error
        }
    }

    // MARK: SubmissionSink

    func header(_ h: DocumentHeader) -> Bool {
        header = h
        do {
            // Read while judged: the header's facts, in one round trip, now that it is known.
            if prepared.content == nil {
                facts = try unit.facts(.init(sha256: "", header: h, signers: nil, receivedAt: file.receivedAt))
            }
            let hf = try facts.header ?? unit.headerFacts(h)
            if hf.idRegistered, let dup = try unit.registered(h.idDocument) { duplicate = dup; return false }
            if hf.monthDetached { detached = h.luna; return false }
            let ctx = FileContext(header: h, receivedAt: file.receivedAt, deployment: deployment,
                                  provider: hf.provider, hasRegisteredInitial: hf.hasInitial)
            context = ctx
            findings += judge.file.header(ctx)
            if !findings.contains(where: { $0.severity == .eroare }) { try beginStoring(h) }
            return true
        } catch {
            failure = error
            return false
        }
    }

    func certificate(_ c: ReportedCertificate) { certificate(c, content: nil) }

    /// `content`: its content rules' findings, judged when the file was prepared.
    func certificate(_ c: ReportedCertificate, content: CertificateRuleBook.ContentVerdict?) {
        guard let ctx = context, failure == nil else { return }
        let found = judge.file.certificate(c, ctx)
        if !found.isEmpty { findings += found }
        guard writer != nil else {
            // Not being stored (the document is refused already): no certificate verdicts.
            if keepCertificateLines { lines.append(.init(serie: c.serie, numar: c.numar, operatie: c.operatie, status: .valid, errors: [])) }
            return
        }
        queue.append((c, content))
        if queue.count >= Judging.batch { judgeQueue() }
    }

    // MARK: certificates

    /// Certificates are judged in batches: one history query for the batch, then each in
    /// document order, seeing the batch's earlier ones through the writer's unwritten rows.
    static let batch = 500
    private var queue: [(certificate: ReportedCertificate, content: CertificateRuleBook.ContentVerdict?)] = []

    private func judgeQueue() {
        guard let writer, let h = header, !queue.isEmpty, failure == nil else { queue.removeAll(); return }
        do {
            let keys = queue.map { Judging.keys($0.certificate) }
            // The first batch's history came with the file's facts (the same keys: every
            // certificate of a document being stored is queued, in document order).
            let known = try firstBatchHistory.take() ?? unit.neighbours(keys, documentId: documentId)
            for ((c, content), k) in zip(queue, keys) {
                let history = known.of(k) + writer.pendingNeighbours(serie: k.serie, numar: k.numar, chain: k.chain, cnp: k.cnp, cnpCopil: k.cnpCopil)
                let verdict = judge.certificate(c, in: h, receiptDay: receiptDay, facts: practitioners, history: history, content: content)
                if verdict.stored { try writer.add(c, status: verdict.status, findings: verdict.findings) }
                if keepCertificateLines {
                    lines.append(.init(serie: c.serie, numar: c.numar, operatie: c.operatie, status: verdict.status, errors: verdict.findings))
                }
            }
            try writer.flushIfFull()
        } catch { failure = error }
        queue.removeAll(keepingCapacity: true)
    }

    static func keys(_ c: ReportedCertificate) -> HistoryStore.Keys {
        let chain = c.body.map { ChainKey(body: $0, serie: c.serie, numar: c.numar) } ?? ChainKey(serie: c.serie, numar: c.numar)
        return HistoryStore.Keys(serie: c.serie, numar: c.numar, chain: chain, cnp: c.body?.cnp ?? "", cnpCopil: c.body?.cnpCopil)
    }

    /// Its rows are written in its savepoint as they are judged; its record, already with its
    /// verdict, closes it (`Closing`): written once, not inserted and then updated.
    private func beginStoring(_ h: DocumentHeader) throws {
        documentId = try facts.documentId ?? unit.nextId()
        practitioners = try facts.practitioners ?? unit.practitioners(cui: h.cui)
        if let id = documentId { writer = unit.writer(documentId: id, cui: h.cui, luna: h.luna, validFrom: file.receivedAt) }
    }

    // MARK: the verdict

    /// For a file read while judged, once read: its bytes' earlier records and its signers'
    /// enrolment, in one round trip; the records when there are any (the file is then no new document).
    private func factsAtEnd(_ pass: PreparedFile.Pass) throws -> DocumentStore.Earlier? {
        if let e = failure { throw e }
        try unit.settleWrites()
        // Its signatures are checked unless it is a DUPLICAT of a registered IdDocument (as `settle` would).
        if duplicate == nil { prepared.signature = pass.signature() }
        let signers = header == nil ? [] : (prepared.signature?.signers.map(\.sha256) ?? [])
        let end = try unit.factsAtEnd(sha256: prepared.sha256, signers: signers, cui: header?.cui, receivedAt: file.receivedAt)
        facts.enrolledSigners = end.enrolledSigners
        return end.earlier.unmoved != nil || end.earlier.registered != nil ? end.earlier : nil
    }

    private func settle(_ read: ReadResult) throws -> Judged {
        if let e = failure { throw e }
        // Its rows sent behind its last lookup have run, or it fails here, alone.
        try unit.settleWrites()
        if let luna = detached { throw DetachedMonth(luna: luna) }
        // Not XML because it ends too soon while it is still recent: it is being written.
        if read.truncated, prepared.size <= settings.maxFileBytes, prepared.stamp?.isRecent(settings.settleSeconds) ?? false {
            throw Unsettled(reason: .incomplet)
        }
        var signature: SignatureGate.Outcome?
        // Signatures are judged once the file is known to be XML (the streaming read refuses
        // the hostile ones first); a failure found now rolls back what was stored.
        if let gate, !read.notXML, duplicate == nil {
            let outcome = prepared.signature ?? gate.check(file, enveloped: read.signed)
            signature = outcome
            findings += outcome.findings
            if let h = header {
                let signers = outcome.signers.map { (sha256: $0.sha256, subject: $0.subject) }
                // The facts' answer is for the prepared signers only.
                let enrolled = try (prepared.signature == nil ? nil : facts.enrolledSigners)
                    ?? unit.enrolled(signers.map(\.sha256), cui: h.cui, at: file.receivedAt)
                findings += judge.enrolment(signers, enrolled: enrolled, cui: h.cui)
            }
        }
        if let dup = duplicate {
            try discardRows()
            return Judged(outcome: outcome(.duplicat, errors: [], signature: signature, recorded: dup), recordId: nil, closing: nil)
        }
        let all = read.notXML ? read.findings : read.findings + findings + (context.map { judge.file.end(read.tally, $0) } ?? [])
        let verdict = judge.verdict(all)
        var rows: [Statement] = []
        if verdict.status == .inregistrat, let writer {
            rows = writer.final(then: [])
            self.writer = nil
        } else {
            try discardRows()
            lines = []
        }
        let id = try documentId ?? facts.documentId ?? unit.nextId()
        let record = DocumentStore.NewDocument(fileName: file.name, sha256: prepared.sha256, size: prepared.size, status: verdict.status,
                                               header: header, tally: read.tally, receivedAt: file.receivedAt,
                                               signature: signature?.note, id: id)
        var o = outcome(verdict.status, errors: verdict.reasons, signature: signature, recorded: nil)
        o.certificateCount = verdict.status == .inregistrat ? read.tally.certificates : 0
        let supersedes = verdict.status == .inregistrat && header?.tip == .rectificativa
        return Judged(outcome: o, recordId: id, closing: .init(record: record, reasons: verdict.reasons, supersedes: supersedes, rows: rows))
    }

    /// What the document sent of its rows is rolled back (it is refused, or a DUPLICAT).
    private func discardRows() throws {
        guard let w = writer else { return }
        writer = nil
        if w.sent { try unit.discardRows() }
    }

    private func outcome(_ s: DocumentStatus, errors: [Finding], signature: SignatureGate.Outcome?,
                         recorded: DocumentStore.Recorded?) -> FileOutcome {
        let h = header
        return FileOutcome(file: file.name, sha256: prepared.sha256, status: s, signature: signature?.note, cui: h?.cui ?? recorded?.cui,
                           luna: h?.luna.description ?? recorded?.luna, tip: h?.tip.rawValue ?? recorded?.tip,
                           idDocument: h?.idDocument.uuidString.lowercased() ?? recorded?.idDocument,
                           errors: errors, certificates: s == .inregistrat ? lines : [], storedAs: nil)
    }
}
