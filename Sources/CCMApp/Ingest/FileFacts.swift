import CCMCore
import CCMStore
import Foundation

/// What the database says of a prepared file before it is judged — its bytes' earlier
/// records, its header's provider and month, the provider's doctors and pads, whether its
/// signers are enrolled — sent in the round trip that takes the ingest and registry locks
/// (statements run in order, each with its own snapshot, so after the locks are held): what
/// the lookups one by one would have read, in one round trip instead of five.
struct FileFacts {
    var earlier: DocumentStore.Earlier
    /// For the prepared header (nil: no header was read, or the file is read again when judged).
    var header: RegistryStore.HeaderFacts?
    var practitioners: ProviderFacts?
    /// The prepared signers' certificates (SHA-256) enrolled for the header's CUI at receipt.
    var enrolledSigners: Set<String>?
    /// The history of the file's first batch of certificates (`DocumentIngest.batch`).
    var firstBatch: Neighbourhoods?
    /// The id its document record will have (taken from the sequence under the locks).
    var documentId: Int?

    /// The lookups for `p`: `statements` to send, their rows read back by `facts`.
    struct Lookups {
        var earlier: Query<DocumentStore.Earlier>
        var header: Query<RegistryStore.HeaderFacts>?
        var practitioners: Query<ProviderFacts>?
        var documentId: Query<Int?>?
        /// nil: the signatures were not checked at preparation (they are looked up when judged).
        var signers: [(sha256: String, query: Query<Bool>)]?
        /// Nothing of the file is stored yet: no row of the history is its own.
        var firstBatch: Query<Neighbourhoods>?

        /// `moving`: the records of the group being judged, not moved yet (`IngestGroup`).
        init(_ p: PreparedFile, moving: Set<Int> = []) {
            earlier = DocumentStore.earlier(sha256: p.sha256, moving: moving)
            guard let h = p.content?.header else { return }
            header = RegistryStore.headerFacts(cui: h.cui, luna: h.luna, idDocument: h.idDocument)
            practitioners = PractitionerStore.facts(cui: h.cui)
            documentId = DocumentStore.nextId()
            signers = p.signature?.signers.map {
                ($0.sha256, SignerStore.isActive(cui: h.cui, sha: $0.sha256, at: p.file.receivedAt))
            }
            let first = p.content?.certificates.prefix(DocumentIngest.batch).map(DocumentIngest.keys) ?? []
            if !first.isEmpty { firstBatch = HistoryStore.neighbours(batch: first, documentId: nil) }
        }

        var statements: [Statement] {
            [earlier.statement] + [header?.statement, practitioners?.statement, documentId?.statement, firstBatch?.statement].compactMap { $0 }
                + (signers ?? []).map(\.query.statement)
        }

        func facts(_ rows: [Rows]) -> FileFacts {
            var facts = FileFacts(earlier: earlier.decode(rows[0]))
            guard let header, let practitioners else { return facts }
            facts.header = header.decode(rows[1])
            facts.practitioners = practitioners.decode(rows[2])
            var next = 3
            if let documentId { facts.documentId = documentId.decode(rows[next]); next += 1 }
            if let firstBatch { facts.firstBatch = firstBatch.decode(rows[next]); next += 1 }
            if let signers {
                facts.enrolledSigners = Set(signers.enumerated().filter { $0.element.query.decode(rows[next + $0.offset]) }.map(\.element.sha256))
            }
            return facts
        }
    }
}
