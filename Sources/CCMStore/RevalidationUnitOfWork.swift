import CCMCore
import Foundation

/// `ccm revalidate`'s unit of work: under the ingest lock and the registry's shared lock, in one
/// transaction, each current version of a month with errors is handed to the caller with what its
/// rules need (its neighbours, its provider's doctors and pads), and a changed verdict the caller
/// hands back becomes a new version. The neighbours of a batch come in one round trip, each
/// certificate's as its own lookup would have found them at its turn.
public struct RevalidationUnitOfWork {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    /// One stored version to judge again.
    public struct Case {
        public var version: HistoryStore.StoredVersion
        /// The current certificates sharing its number, chain, insured or child, by version id.
        public var neighbours: [KnownCertificate]
        public var facts: ProviderFacts
    }

    /// A new verdict for a stored version.
    public struct Verdict {
        public var status: CertificateStatus
        public var findings: [Finding]
        public init(status: CertificateStatus, findings: [Finding]) { self.status = status; self.findings = findings }
    }

    /// Certificates whose neighbourhoods one statement fetches.
    static let batch = 500

    /// Judges every current version of `luna` with errors, in the order they were registered:
    /// `judge` returns a new verdict (recorded from `at`) or nil when the verdict stands.
    public func run(luna: YearMonth, at: Date, judge: (Case) throws -> Verdict?) throws {
        try db.planningForKeys { try RegistryLock.shared(db, with: IngestLocks.ingest) { try db.transaction {
            let history = HistoryStore(db)
            let versions = try history.currentWithErrors(luna: luna)
            let facts = try providerFacts(Set(versions.map(\.known.cui)))
            // A version ended here continues under a new id: neighbours fetched before see it by that id.
            var renumbered: [Int: Int] = [:]
            var start = 0
            while start < versions.count {
                let chunk = versions[start..<min(start + RevalidationUnitOfWork.batch, versions.count)]
                start += chunk.count
                let keys = chunk.map(RevalidationUnitOfWork.keys)
                let found = Neighbourhoods(rows: try history.neighbours(batch: keys, documentId: nil).rows, anyInitial: true)
                for (v, k) in zip(chunk, keys) {
                    let neighbours = found.of(k).map { n -> KnownCertificate in
                        var n = n
                        if let id = n.versionId, let now = renumbered[id] { n.versionId = now }
                        return n
                    }.sorted { ($0.versionId ?? 0) < ($1.versionId ?? 0) }
                    guard let verdict = try judge(Case(version: v, neighbours: neighbours, facts: facts[v.known.cui] ?? ProviderFacts())),
                          let id = v.known.versionId else { continue }
                    if let now = try record(versionId: id, luna: v.known.luna, verdict, at: at) { renumbered[id] = now }
                }
            }
        } } }
    }

    /// The new version's id (nil: the certificate had no current row).
    private func record(versionId: Int, luna: YearMonth, _ v: Verdict, at: Date) throws -> Int? {
        var st = HistoryStore.recordVerdict(versionId: versionId, luna: luna, status: v.status, findings: v.findings, at: at)
        st[st.count - 1].sql += " RETURNING c.id"
        return try db.pipeline(st).last?.first?.int("id")
    }

    /// Every provider's doctors and pads, in one round trip.
    private func providerFacts(_ cuis: Set<String>) throws -> [String: ProviderFacts] {
        let ordered = cuis.sorted(), queries = ordered.map(PractitionerStore.facts(cui:))
        guard !queries.isEmpty else { return [:] }
        let rows = try db.pipeline(queries.map(\.statement))
        return Dictionary(uniqueKeysWithValues: zip(ordered, zip(queries, rows).map { $0.decode($1) }))
    }

    static func keys(_ v: HistoryStore.StoredVersion) -> HistoryStore.Keys {
        let k = v.known, b = k.body
        return HistoryStore.Keys(serie: k.serie, numar: k.numar, chain: ChainKey(body: b, serie: k.serie, numar: k.numar),
                                 cnp: b.cnp, cnpCopil: b.cnpCopil)
    }
}
