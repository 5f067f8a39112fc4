import CCMCore
import Foundation

/// The providers the CAS knows (furnizori.csv).
public struct RegistryStore {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    public struct UpsertCounts: Equatable {
        public var added = 0, updated = 0, unchanged = 0
        public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0) { self.added = added; self.updated = updated; self.unchanged = unchanged }
    }

    public struct Backdated: Error { public var cui: String; public var current: String }

    /// Upserts every provider in one transaction, effective at `at`: an unchanged row is not
    /// touched; a changed one gets a new version from `at` (never before the version it replaces).
    public func upsert(_ providers: [Provider], at: Date = Date()) throws -> UpsertCounts {
        let when = Timestamps.sql(at)
        return try db.transaction {
            var counts = UpsertCounts()
            for p in providers {
                let values: [String?] = [p.cui, p.denumire, p.casa, p.nrConventie, p.conventieDeLa.description,
                                         p.conventiePanaLa?.description, p.email, p.tip.rawValue]
                let current = try db.exec("""
                    SELECT (denumire, casa, nr_conventie, conventie_de_la, conventie_pana_la, email, tip)
                           IS DISTINCT FROM ($2, $3, $4, $5::date, $6::date, $7, $8) AS changed,
                           valid_from > $9::timestamptz AS later, extract(epoch FROM valid_from) AS since
                    FROM providers WHERE cui = $1 FOR UPDATE
                    """, values + [when]).first
                if let c = current {
                    guard c.bool("changed") else { counts.unchanged += 1; continue }
                    if c.bool("later") { throw Backdated(cui: p.cui, current: Timestamps.fromEpoch(c["since"]).map(Bucharest.wallClock) ?? "") }
                    try db.exec("""
                        UPDATE providers SET denumire = $2, casa = $3, nr_conventie = $4, conventie_de_la = $5::date,
                            conventie_pana_la = $6::date, email = $7, tip = $8, updated_at = now(), valid_from = $9::timestamptz
                        WHERE cui = $1
                        """, values + [when])
                    try db.exec("UPDATE provider_versions SET valid_to = $2::timestamptz WHERE cui = $1 AND valid_to IS NULL", [p.cui, when])
                    counts.updated += 1
                } else {
                    try db.exec("""
                        INSERT INTO providers (cui, denumire, casa, nr_conventie, conventie_de_la, conventie_pana_la, email, tip, valid_from)
                        VALUES ($1, $2, $3, $4, $5::date, $6::date, $7, $8, $9::timestamptz)
                        """, values + [when])
                    counts.added += 1
                }
                try db.exec("""
                    INSERT INTO provider_versions (cui, denumire, casa, nr_conventie, conventie_de_la, conventie_pana_la, email, tip, valid_from)
                    VALUES ($1, $2, $3, $4, $5::date, $6::date, $7, $8, $9::timestamptz)
                    """, values + [when])
            }
            return counts
        }
    }

    /// What a document's header needs, in one round trip: the provider, whether a document
    /// with this `IdDocument` is registered, whether the month has a registered INITIALA, and
    /// whether the month was detached (`ccm db detaseaza`).
    public func headerFacts(cui: String, luna: YearMonth, idDocument: UUID) throws -> HeaderFacts {
        try db.run(RegistryStore.headerFacts(cui: cui, luna: luna, idDocument: idDocument))
    }

    public typealias HeaderFacts = (provider: Provider?, idRegistered: Bool, hasInitial: Bool, monthDetached: Bool)

    public static func headerFacts(cui: String, luna: YearMonth, idDocument: UUID) -> Query<HeaderFacts> {
        let q = headerFacts(cui: cui, luna: luna, idDocument: idDocument, takingId: false)
        return Query(q.statement) { q.decode($0).facts }
    }

    /// The same, and (`takingId`) the id the document's record will have, taken from the sequence
    /// in the same statement: one statement fewer a document (`DocumentFacts`).
    static func headerFacts(cui: String, luna: YearMonth, idDocument: UUID, takingId: Bool) -> Query<(facts: HeaderFacts, id: Int?)> {
        Query(Statement("""
            SELECT p.*,
                   EXISTS (SELECT 1 FROM documents WHERE id_document = $3::uuid AND status = 'INREGISTRAT') AS id_registered,
                   EXISTS (SELECT 1 FROM documents WHERE cui = $1 AND luna = $2::date AND status = 'INREGISTRAT' AND tip = 'INITIALA') AS has_initial,
                   \(PartitionStore.isDetached(2)) AS month_detached\(takingId ? ", nextval('documents_id_seq') AS next_id" : "")
            FROM (SELECT 1) one LEFT JOIN providers p ON p.cui = $1
            """, [cui, luna.firstDay.description, idDocument.uuidString.lowercased()])) { rows in
            let r = rows.first
            return ((r.flatMap(RegistryStore.provider), r?.bool("id_registered") ?? false, r?.bool("has_initial") ?? false,
                     r?.bool("month_detached") ?? false), r?.int("next_id"))
        }
    }

    public func provider(cui: String) throws -> Provider? {
        try db.exec("SELECT * FROM providers WHERE cui = $1", [cui]).first.flatMap(RegistryStore.provider)
    }

    static let providersAsOf = """
        SELECT * FROM provider_versions
        WHERE casa = $1 AND conventie_de_la <= $3::date AND (conventie_pana_la IS NULL OR conventie_pana_la >= $2::date)
          AND valid_from <= $4::timestamptz AND (valid_to IS NULL OR valid_to > $4::timestamptz)
        ORDER BY cui
        """

    /// Providers of a CAS whose convention covers any day of the month, as the registry said at `asOf`.
    public func providers(casa: String, luna: YearMonth, asOf: Date) throws -> [Provider] {
        try db.exec(RegistryStore.providersAsOf, [casa, luna.firstDay.description, luna.lastDay.description, Timestamps.sql(asOf)])
            .compactMap(RegistryStore.provider)
    }

    static func provider(_ r: Row) -> Provider? {
        guard let cui = r["cui"], let den = r["denumire"], let casa = r["casa"], let nr = r["nr_conventie"],
              let from = r["conventie_de_la"].flatMap(LocalDate.init), let tip = r["tip"].flatMap(ProviderType.init) else { return nil }
        return Provider(cui: cui, denumire: den, casa: casa, nrConventie: nr, conventieDeLa: from,
                        conventiePanaLa: r["conventie_pana_la"].flatMap(LocalDate.init), email: r["email"], tip: tip)
    }
}
