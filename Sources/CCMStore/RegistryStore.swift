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

    /// Upserts every provider in one transaction; an unchanged row is not touched.
    public func upsert(_ providers: [Provider]) throws -> UpsertCounts {
        try db.transaction {
            var counts = UpsertCounts()
            for p in providers {
                let rows = try db.exec("""
                    INSERT INTO providers AS p (cui, denumire, casa, nr_conventie, conventie_de_la, conventie_pana_la, email, tip)
                    VALUES ($1, $2, $3, $4, $5::date, $6::date, $7, $8)
                    ON CONFLICT (cui) DO UPDATE SET
                        denumire = excluded.denumire, casa = excluded.casa, nr_conventie = excluded.nr_conventie,
                        conventie_de_la = excluded.conventie_de_la, conventie_pana_la = excluded.conventie_pana_la,
                        email = excluded.email, tip = excluded.tip, updated_at = now()
                    WHERE (p.denumire, p.casa, p.nr_conventie, p.conventie_de_la, p.conventie_pana_la, p.email, p.tip)
                          IS DISTINCT FROM
                          (excluded.denumire, excluded.casa, excluded.nr_conventie, excluded.conventie_de_la,
                           excluded.conventie_pana_la, excluded.email, excluded.tip)
                    RETURNING (xmax = 0) AS inserted
                    """, [p.cui, p.denumire, p.casa, p.nrConventie, p.conventieDeLa.description,
                          p.conventiePanaLa?.description, p.email, p.tip.rawValue])
                if let r = rows.first { if r.bool("inserted") { counts.added += 1 } else { counts.updated += 1 } }
                else { counts.unchanged += 1 }
            }
            return counts
        }
    }

    public func provider(cui: String) throws -> Provider? {
        try db.exec("SELECT * FROM providers WHERE cui = $1", [cui]).first.flatMap(RegistryStore.provider)
    }

    /// Providers of a CAS whose convention covers any day of the month.
    public func providers(casa: String, luna: YearMonth) throws -> [Provider] {
        try db.exec("""
            SELECT * FROM providers
            WHERE casa = $1 AND conventie_de_la <= $3::date AND (conventie_pana_la IS NULL OR conventie_pana_la >= $2::date)
            ORDER BY cui
            """, [casa, luna.firstDay.description, luna.lastDay.description]).compactMap(RegistryStore.provider)
    }

    static func provider(_ r: Row) -> Provider? {
        guard let cui = r["cui"], let den = r["denumire"], let casa = r["casa"], let nr = r["nr_conventie"],
              let from = r["conventie_de_la"].flatMap(LocalDate.init), let tip = r["tip"].flatMap(ProviderType.init) else { return nil }
        return Provider(cui: cui, denumire: den, casa: casa, nrConventie: nr, conventieDeLa: from,
                        conventiePanaLa: r["conventie_pana_la"].flatMap(LocalDate.init), email: r["email"], tip: tip)
    }
}
