import CCMCore
import Foundation

/// Doctors (medici.csv) and pads (carnete.csv) of providers, for C17 and C18.
public struct PractitionerStore {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    /// Upserts doctors in one transaction.
    public func upsert(_ doctors: [Doctor]) throws -> RegistryStore.UpsertCounts {
        try db.transaction {
            var counts = RegistryStore.UpsertCounts()
            for d in doctors {
                let r = try db.exec("""
                    INSERT INTO doctors AS d (cui, parafa, nume, activ_de_la, activ_pana_la) VALUES ($1, $2, $3, $4::date, $5::date)
                    ON CONFLICT (cui, parafa) DO UPDATE SET nume = excluded.nume, activ_de_la = excluded.activ_de_la,
                        activ_pana_la = excluded.activ_pana_la, updated_at = now()
                    WHERE (d.nume, d.activ_de_la, d.activ_pana_la) IS DISTINCT FROM (excluded.nume, excluded.activ_de_la, excluded.activ_pana_la)
                    RETURNING (xmax = 0) AS inserted
                    """, [d.cui, d.parafa, d.nume, d.from.description, d.until?.description])
                counts.record(r)
            }
            return counts
        }
    }

    public struct Overlap: Error { public var pad: Pad; public var existing: Pad }

    /// Upserts pads in one transaction; a range that overlaps another of its series (in the
    /// database, after the file's rows are in) refuses the whole file.
    public func upsert(_ pads: [Pad]) throws -> RegistryStore.UpsertCounts {
        try db.transaction {
            try db.exec("LOCK TABLE pads IN SHARE ROW EXCLUSIVE MODE")
            var counts = RegistryStore.UpsertCounts()
            for p in pads {
                let r = try db.exec("""
                    INSERT INTO pads AS p (serie, numar_de_la, numar_pana_la, cui, data_distribuirii) VALUES ($1, $2, $3, $4, $5::date)
                    ON CONFLICT (serie, numar_de_la) DO UPDATE SET numar_pana_la = excluded.numar_pana_la, cui = excluded.cui,
                        data_distribuirii = excluded.data_distribuirii, updated_at = now()
                    WHERE (p.numar_pana_la, p.cui, p.data_distribuirii) IS DISTINCT FROM (excluded.numar_pana_la, excluded.cui, excluded.data_distribuirii)
                    RETURNING (xmax = 0) AS inserted
                    """, [p.serie, "\(p.from)", "\(p.to)", p.cui, p.distributed.description])
                counts.record(r)
            }
            if let o = try db.exec("""
                SELECT a.serie, a.numar_de_la AS af, a.numar_pana_la AS at, a.cui AS ac, b.numar_de_la AS bf, b.numar_pana_la AS bt, b.cui AS bc
                FROM pads a JOIN pads b ON a.serie = b.serie AND a.numar_de_la < b.numar_de_la AND b.numar_de_la <= a.numar_pana_la
                LIMIT 1
                """).first {
                let d = LocalDate(dayNumber: 0)
                throw Overlap(pad: Pad(cui: o["bc"] ?? "", serie: o["serie"] ?? "", from: o.int("bf") ?? 0, to: o.int("bt") ?? 0, distributed: d),
                              existing: Pad(cui: o["ac"] ?? "", serie: o["serie"] ?? "", from: o.int("af") ?? 0, to: o.int("at") ?? 0, distributed: d))
            }
            return counts
        }
    }

    /// What the registry holds for one provider (nil where it holds nothing).
    /// Pads and doctors in one round trip (rows tagged P and D).
    public func facts(cui: String) throws -> ProviderFacts { try db.run(PractitionerStore.facts(cui: cui)) }

    public static func facts(cui: String) -> Query<ProviderFacts> {
        Query(Statement("""
            SELECT 'P' AS k, serie AS a, numar_de_la::text AS b, numar_pana_la::text AS c, data_distribuirii::text AS d FROM pads WHERE cui = $1
            UNION ALL
            SELECT 'D', parafa, nume, activ_de_la::text, activ_pana_la::text FROM doctors WHERE cui = $1
            """, [cui])) { rows in
            let pads = rows.filter { $0["k"] == "P" }.compactMap { r -> Pad? in
                guard let s = r["a"], let f = r.int("b"), let t = r.int("c"), let d = r["d"].flatMap(LocalDate.init) else { return nil }
                return Pad(cui: cui, serie: s, from: f, to: t, distributed: d)
            }
            let doctors = rows.filter { $0["k"] == "D" }.compactMap { r -> Doctor? in
                guard let p = r["a"], let n = r["b"], let f = r["c"].flatMap(LocalDate.init) else { return nil }
                return Doctor(cui: cui, parafa: p, nume: n, from: f, until: r["d"].flatMap(LocalDate.init))
            }
            return ProviderFacts(pads: pads.isEmpty ? nil : pads, doctors: doctors.isEmpty ? nil : doctors)
        }
    }
}

extension RegistryStore.UpsertCounts {
    mutating func record(_ r: Rows) {
        if let row = r.first { if row.bool("inserted") { added += 1 } else { updated += 1 } } else { unchanged += 1 }
    }
}
