import CCMCore
import CCMStore
import CCMXML
import Foundation

/// Registers one file: reads it as it streams, judges it, and stores it in its own savepoint
/// of the group's transaction (`IngestGroup`, opened with the file's lookups): rolled back
/// alone when it fails. A document that ends RESPINS leaves only its file record and reasons.
final class DocumentIngest: SubmissionSink {
    let file: InboxFile
    let sha256: String
    let size: Int
    let db: Connection
    let deployment: Deployment
    let rules: RuleEngine
    let keepCertificateLines: Bool
    /// The signature check; nil when signatures are off (TEST deployments only).
    let gate: SignatureGate?
    /// The lookups already made for the prepared content (see `FileFacts`).
    let preloaded: FileFacts?
    private var signature: SignatureGate.Outcome?

    private(set) var header: DocumentHeader?
    private var context: FileContext?
    private var findings: [Finding] = []
    private var duplicate: DocumentStore.Recorded?
    private var documentId: Int?
    /// Set while the document is being stored; rows are on the server once it sent a batch.
    private var writer: CertificateWriter?
    /// The document's id, taken with the file's lookups or when storing begins.
    private var reservedId: Int?
    private var facts = ProviderFacts()
    private var lines: [FileOutcome.CertificateLine] = []
    private lazy var firstBatchHistory = preloaded?.firstBatch
    /// A system failure (database) met inside a callback: ends the file, surfaces to the run.
    private var failure: Error?

    init(file: InboxFile, sha256: String, size: Int, db: Connection, deployment: Deployment, rules: RuleEngine,
         keepCertificateLines: Bool, gate: SignatureGate?, preloaded: FileFacts? = nil) {
        self.file = file; self.sha256 = sha256; self.size = size; self.db = db
        self.deployment = deployment; self.rules = rules; self.keepCertificateLines = keepCertificateLines
        self.gate = gate; self.preloaded = preloaded
    }

    func header(_ h: DocumentHeader) -> Bool {
        header = h
        do {
            let facts = try preloaded?.header ?? RegistryStore(db).headerFacts(cui: h.cui, luna: h.luna, idDocument: h.idDocument)
            if facts.idRegistered, let dup = try DocumentStore(db).registered(idDocument: h.idDocument) { duplicate = dup; return false }
            let ctx = FileContext(header: h, receivedAt: file.receivedAt, deployment: deployment,
                                  provider: facts.provider, hasRegisteredInitial: facts.hasInitial)
            context = ctx
            findings += rules.file.header(ctx)
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
        findings += rules.file.certificate(c, ctx)
        guard writer != nil else {
            // Not being stored (the document is refused already): no certificate verdicts.
            if keepCertificateLines { lines.append(.init(serie: c.serie, numar: c.numar, operatie: c.operatie, status: .valid, errors: [])) }
            return
        }
        queue.append((c, content))
        if queue.count >= DocumentIngest.batch { judgeQueue() }
    }

    /// Certificates are judged in batches: one history query for the batch, then each in
    /// document order, seeing the batch's earlier ones through the writer's unwritten rows.
    static let batch = 500
    private var queue: [(certificate: ReportedCertificate, content: CertificateRuleBook.ContentVerdict?)] = []

    private func judgeQueue() {
        guard let writer, let h = header, !queue.isEmpty, failure == nil else { queue.removeAll(); return }
        do {
            let keys = queue.map { DocumentIngest.keys($0.certificate) }
            // The first batch's history came with the file's lookups (the same keys: every
            // certificate of a document being stored is queued, in document order).
            let known = try firstBatchHistory.take() ?? HistoryStore(db).neighbours(batch: keys, documentId: documentId)
            for ((c, content), k) in zip(queue, keys) {
                let judged = try judge(c, k, h, writer, known.of(k), content: content)
                if !judged.ownRepeat { try writer.add(c, status: CertificateRuleBook.status(judged.findings), findings: judged.findings) }
                if keepCertificateLines {
                    lines.append(.init(serie: c.serie, numar: c.numar, operatie: c.operatie,
                                       status: CertificateRuleBook.status(judged.findings), errors: judged.findings))
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

    /// The certificate-level rules, with the history they need: the batch's share of the
    /// database plus the document's own certificates not yet written.
    private func judge(_ c: ReportedCertificate, _ k: HistoryStore.Keys, _ h: DocumentHeader, _ writer: CertificateWriter,
                       _ stored: [KnownCertificate], content: CertificateRuleBook.ContentVerdict?) throws -> (findings: [Finding], ownRepeat: Bool) {
        var known = stored + writer.pendingNeighbours(serie: k.serie, numar: k.numar, chain: k.chain, cnp: k.cnp, cnpCopil: k.cnpCopil)
        let target = rules.certificates.evaluateTarget(c, header: h, history: CertificateHistory(known))
        guard let body = c.body else { return (target, false) }
        if c.operatie == .modificare {
            // The version being replaced is not history for its replacement.
            known.removeAll { $0.cui == h.cui && $0.luna == h.luna && $0.serie == c.serie && $0.numar == c.numar && !$0.sameDocument }
        }
        let ctx = CertificateContext(content: rules.content(c, body: body, header: h, receiptDay: receiptDay),
                                     facts: facts, history: CertificateHistory(known))
        let verdict = target + rules.certificates.evaluate(ctx, content: content)
        let ownRepeat = verdict.contains { $0.code == "C16" && $0.severity == .eroare } && C16AlreadyReported.isOwnRepeat(ctx)
        return (verdict, ownRepeat)
    }

    /// The receipt's day in Bucharest, reckoned once (a calendar conversion per certificate
    /// was 1.4% of the run's CPU).
    private lazy var receiptDay = Bucharest.localDate(of: file.receivedAt)

    /// Nothing is sent yet: the document's INSERT, already with its verdict, goes with its last
    /// batch of certificates and the savepoint's release (for most documents in one round trip):
    /// its row is written once before the move's confirmation, not inserted and then updated.
    /// Its id is reserved, so the rows that refer to it can go first.
    private func beginStoring(_ h: DocumentHeader) throws {
        let id = try reserveId()
        documentId = id
        facts = try preloaded?.practitioners ?? PractitionerStore(db).facts(cui: h.cui)
        writer = CertificateWriter(db: db, documentId: id, cui: h.cui, luna: h.luna, validFrom: file.receivedAt)
    }

    private func reserveId() throws -> Int {
        if let id = reservedId ?? preloaded?.documentId { reservedId = id; return id }
        let id = try DocumentStore.insertedId(db.exec(DocumentStore.nextId().statement))
        reservedId = id
        return id
    }

    /// Reads the file (or replays what its preparation read) and settles it; throws only for
    /// system failures (the file then stays).
    func run(reader: SubmissionReader, prepared: PreparedFile) throws -> FileOutcome {
        let read: ReadResult
        if let content = prepared.content {
            if let h = content.header, header(h) {
                for (i, c) in content.certificates.enumerated() {
                    certificate(c, content: i < content.verdicts.count ? content.verdicts[i] : nil)
                }
            }
            read = content.read
        } else {
            read = reader.read(path: file.path, into: self)
        }
        judgeQueue()
        do {
            if let e = failure { throw e }
            // Not XML because it ends too soon while it is still recent: it is being written.
            if read.truncated, let stillArriving, stillArriving() { throw Unsettled(reason: .incomplet) }
            // Signatures are judged once the file is known to be XML (the streaming read refuses
            // the hostile ones first); a failure found now rolls back what was stored.
            if let gate, !read.notXML, duplicate == nil {
                let outcome = prepared.signature ?? gate.check(file, enveloped: read.signed)
                signature = outcome
                findings += outcome.findings
                // The preloaded answer is for the prepared signers only.
                let enrolled = prepared.signature == nil ? nil : preloaded?.enrolledSigners
                if let h = header {
                    for signer in outcome.signers where !(try enrolled.map { $0.contains(signer.sha256) }
                                                          ?? SignerStore(db).isActive(cui: h.cui, sha: signer.sha256, at: file.receivedAt)) {
                        findings.append(F06NotEnrolled.finding(nume: signer.subject, cui: h.cui))
                    }
                }
            }
            if let dup = duplicate {
                try rollbackIfOpen()
                return outcome(.duplicat, errors: [], header: header, recorded: dup)
            }
            var all: [Finding]
            if read.notXML {
                all = read.findings
            } else {
                all = read.findings + findings
                if let ctx = context { all += rules.file.end(read.tally, ctx) }
            }
            all = FileVerdict.ordered(all)
            let status = FileVerdict.status(all)
            if status == .inregistrat, let id = documentId, let h = header, let writer {
                plannedTarget = target(.inregistrat, h.luna.description)
                // The last batch, the document with its verdict, the rectificative's supersession,
                // the reasons and the savepoint's release: sent by the pipeline at the head of its
                // next round trip (`tail`).
                let document = DocumentStore.insert(.init(fileName: file.name, sha256: sha256, size: size, status: .inregistrat,
                                                          header: h, tally: read.tally, receivedAt: file.receivedAt,
                                                          signature: signature?.note, id: id, movingTo: plannedTarget))
                let tail = [document]
                    + (h.tip == .rectificativa ? CertificateVersions.supersede(documentId: id, luna: h.luna, at: file.receivedAt) : [])
                    + [DocumentStore.reasons(id, all)].compactMap { $0 } + [IngestGroup.release]
                self.tail = writer.final(then: tail)
                self.writer = nil
                released = true
            } else {
                try rollbackIfOpen()
                plannedTarget = target(.respins, header?.luna.description)
                let record = DocumentStore.insert(.init(fileName: file.name, sha256: sha256, size: size, status: .respins,
                                                        header: header, tally: read.tally, receivedAt: file.receivedAt,
                                                        signature: signature?.note, id: reservedId ?? preloaded?.documentId,
                                                        movingTo: plannedTarget))
                // The reasons need the id: a reserved one lets them go in the same round trip.
                if let id = reservedId ?? preloaded?.documentId {
                    tail = [record] + [DocumentStore.reasons(id, all)].compactMap { $0 } + [IngestGroup.release]
                    documentId = id
                } else {
                    let id = try DocumentStore.insertedId(db.exec(record))
                    documentId = id
                    _ = try db.pipeline([DocumentStore.reasons(id, all)].compactMap { $0 } + [IngestGroup.release])
                }
                released = true
                lines = []
            }
            var o = outcome(status == .inregistrat ? .inregistrat : .respins, errors: all, header: header, recorded: nil)
            o.certificateCount = status == .inregistrat ? read.tally.certificates : 0
            return o
        } catch {
            try? rollbackIfOpen()
            throw error
        }
    }

    var recordId: Int? { documentId }
    /// Whether its savepoint was released with its rows (otherwise the pipeline releases it).
    private(set) var released = false
    /// The document's last statements (its rows' last batch, its record, the savepoint's
    /// release), not sent yet: they go at the head of the pipeline's next round trip, which
    /// tells whether they failed (`IngestPipeline.flushing`).
    private(set) var tail: [Statement] = []

    /// Where the file goes, chosen by the pipeline (`place`) and recorded with the document,
    /// in its transaction: the next run finishes a move that did not happen.
    var place: ((DocumentStatus, String?) throws -> String)?
    /// Whether a file that is not XML is only one still being written (`IngestPipeline`).
    var stillArriving: (() -> Bool)?
    private(set) var plannedTarget: String?

    /// No place (the archive cannot be created): the document is stored all the same, and the
    /// move after the commit fails and leaves the file for the next run.
    private func target(_ status: DocumentStatus, _ luna: String?) -> String? {
        guard let place else { return nil }
        return try? place(status, luna)
    }

    private func rollbackIfOpen() throws {
        guard let w = writer else { return }
        writer = nil
        documentId = nil
        if w.sent { _ = try db.pipeline([IngestGroup.undo[0]]) }
    }

    private func outcome(_ s: DocumentStatus, errors: [Finding], header h: DocumentHeader?,
                         recorded: DocumentStore.Recorded?) -> FileOutcome {
        FileOutcome(file: file.name, sha256: sha256, status: s, signature: signature?.note, cui: h?.cui ?? recorded?.cui,
                    luna: h?.luna.description ?? recorded?.luna, tip: h?.tip.rawValue ?? recorded?.tip,
                    idDocument: h?.idDocument.uuidString.lowercased() ?? recorded?.idDocument,
                    errors: errors, certificates: s == .inregistrat ? lines : [], storedAs: nil)
    }
}
