import CCMCore
import Foundation

/// The known certificates a certificate's rules need, in one indexed query: same number,
/// same chain, same insured, same child (see migrations 0002 and 0015 for the indexes). Within a
/// document's transaction it also sees the document's own rows written so far.
public struct HistoryStore {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    static let columns = """
        v.id, v.cui, to_char(v.luna, 'YYYY-MM') AS luna, v.serie, v.numar, v.document_id, v.data_acordarii, v.tip,
        v.initial_serie, v.initial_numar, v.initial_data, v.medic_parafa, v.medic_nume, v.loc_prescriere, v.cnp, v.nume,
        v.prenume, v.angajator_cui, v.angajator_denumire, v.cod_indemnizatie, v.cod_diagnostic, v.cod_urgenta,
        v.cod_boala_infecto, v.inceput, v.sfarsit, v.zile, v.aviz_numar, v.aviz_data, v.cnp_copil
        """

    /// One certificate's keys into history.
    public struct Keys: Hashable, Sendable {
        public var serie: String, numar: String, chain: ChainKey, cnp: String, cnpCopil: String?
        public init(serie: String, numar: String, chain: ChainKey, cnp: String, cnpCopil: String?) {
            self.serie = serie; self.numar = numar; self.chain = chain; self.cnp = cnp; self.cnpCopil = cnpCopil
        }
    }

    /// One index probe per key, whatever the statistics say: each key drives a LATERAL
    /// subquery that `OFFSET 0` keeps from being flattened into a join (an OR of IN-lists is
    /// planned as a filter over every current version, and plain joins are hashed over the whole
    /// index while the statistics of a table the run is filling still say nearly empty). Each
    /// probe's index is the only one its conditions make usable (migration 0017). They read
    /// `certificate_current` alone, unpartitioned: no key of these is bounded by month. The
    /// probes carry each row's place (ctid) alone and its columns are read once, by that place:
    /// every node of a plan is set up for the columns it carries, at every execution.
    static let batchNeighbourhood = """
        SELECT \(HistoryStore.columns) FROM (
            SELECT c.ctid AS t FROM unnest($1::text[], $2::text[]) k(s, n), LATERAL (SELECT ctid FROM certificate_current
              WHERE serie = k.s AND numar = k.n OFFSET 0) c
            UNION ALL SELECT c.ctid FROM unnest($3::text[], $4::text[]) k(s, n), LATERAL (SELECT ctid FROM certificate_current
              WHERE initial_serie = k.s AND initial_numar = k.n OFFSET 0) c
            UNION ALL SELECT c.ctid FROM unnest($5::text[]) k(cnp), LATERAL (SELECT ctid FROM certificate_current
              WHERE cnp = k.cnp OFFSET 0) c
            UNION ALL SELECT c.ctid FROM unnest($6::text[]) k(cnp), LATERAL (SELECT ctid FROM certificate_current
              WHERE cnp_copil = k.cnp OFFSET 0) c) found,
          LATERAL (SELECT * FROM certificate_current WHERE ctid = found.t OFFSET 0) v
        WHERE v.data_acordarii IS NOT NULL
        ORDER BY v.id
        """

    /// Each row once: a row found by several keys comes back once per key (UNION ALL: the server
    /// does not compare whole rows to drop them), next to each other (ORDER BY id).
    static func once(_ rows: Rows) -> [Row] {
        var out: [Row] = []
        var last: String?
        for r in rows { let id = r["id"]; if id == nil || id != last { out.append(r) }; last = id }
        return out
    }

    /// The neighbourhoods of a batch of certificates in one indexed query (the same indexes as
    /// `neighbours`), to be split per certificate with `Neighbourhoods.of`.
    public func neighbours(batch: [Keys], documentId: Int?) throws -> Neighbourhoods {
        guard !batch.isEmpty else { return Neighbourhoods(rows: []) }
        return try db.run(HistoryStore.neighbours(batch: batch, documentId: documentId))
    }

    /// The same as a query, to be sent with others (the first batch of a prepared file goes
    /// with the file's other lookups).
    public static func neighbours(batch: [Keys], documentId: Int?) -> Query<Neighbourhoods> {
        // An initial's chain is its own number: probed once.
        let numbers = batch.flatMap { k in
            k.chain.serie == k.serie && k.chain.numar == k.numar ? [(k.serie, k.numar)] : [(k.serie, k.numar), (k.chain.serie, k.chain.numar)]
        }
        return Query(Statement(HistoryStore.batchNeighbourhood, binary: [
            BinaryArrays.texts(numbers.map(\.0)), BinaryArrays.texts(numbers.map(\.1)),
            BinaryArrays.texts(batch.map(\.chain.serie)), BinaryArrays.texts(batch.map(\.chain.numar)),
            BinaryArrays.texts(batch.map(\.cnp)), BinaryArrays.texts(batch.compactMap(\.cnpCopil)),
        ])) { rows in Neighbourhoods(rows: HistoryStore.once(rows).compactMap { HistoryStore.known($0, documentId: documentId) }) }
    }

    /// EXPLAIN (ANALYZE, BUFFERS) of the history lookup for one certificate.
    public func explain(serie: String, numar: String, chain: ChainKey, cnp: String, cnpCopil: String?) throws -> String {
        var st = HistoryStore.neighbours(batch: [Keys(serie: serie, numar: numar, chain: chain, cnp: cnp, cnpCopil: cnpCopil)],
                                         documentId: nil).statement
        st.sql = "EXPLAIN (ANALYZE, BUFFERS) " + st.sql
        return try db.exec(st).compactMap { $0[0] }.joined(separator: "\n")
    }

    /// One certificate's neighbourhood (revalidation): the batch's statement with one key. An
    /// OR of the keys in one WHERE is planned as a scan of the whole table while the planner
    /// takes it for empty.
    public func neighbours(serie: String, numar: String, chain: ChainKey, cnp: String, cnpCopil: String?,
                           documentId: Int?) throws -> [KnownCertificate] {
        try neighbours(batch: [Keys(serie: serie, numar: numar, chain: chain, cnp: cnp, cnpCopil: cnpCopil)], documentId: documentId).rows
    }

    /// The current versions of a month with errors, in the order they were registered, each
    /// with what its rules need: content, operation, the document's type and receipt time.
    public struct StoredVersion {
        public var known: KnownCertificate
        public var operatie: CertificateOperation?
        public var tip: DocumentKind
        public var position: Int
        public var receivedAt: Date
        public var errors: [Finding]
    }

    /// The month's partition alone ($1: its first day).
    static let currentWithErrorsQuery = """
        SELECT \(HistoryStore.columns), v.operatie, v.position, v.errors::text AS errors, d.tip AS doc_tip,
               extract(epoch FROM d.received_at) AS received
        FROM certificate_versions v JOIN documents d ON d.id = v.document_id
        WHERE v.luna = $1::date AND v.valid_to IS NULL AND v.status = 'CU_ERORI' AND v.data_acordarii IS NOT NULL
        ORDER BY d.received_at, d.file_name, v.position
        """

    public func currentWithErrors(luna: YearMonth) throws -> [StoredVersion] {
        try db.exec(HistoryStore.currentWithErrorsQuery, [luna.firstDay.description]).compactMap { r in
            guard let k = HistoryStore.known(r, documentId: nil), let tip = r["doc_tip"].flatMap(DocumentKind.init(rawValue:)),
                  let at = Timestamps.fromEpoch(r["received"]) else { return nil }
            return StoredVersion(known: k, operatie: r["operatie"].flatMap(CertificateOperation.init(rawValue:)), tip: tip,
                                 position: r.int("position") ?? 0, receivedAt: at, errors: HistoryStore.findings(r["errors"]))
        }
    }

    static func findings(_ json: String?) -> [Finding] {
        guard let data = json?.data(using: .utf8),
              let items = try? JSONSerialization.jsonObject(with: data) as? [[String: String]] else { return [] }
        return items.map { Finding(code: $0["code"] ?? "", severity: Severity(rawValue: $0["severity"] ?? "") ?? .eroare,
                                   message: $0["message"] ?? "", publicMessage: $0["public"]) }
    }

    /// A new verdict of a stored version of `luna`: the old one ends now, the same content
    /// continues with the new verdict, and its row in `certificate_current` takes the new id.
    public func recordVerdict(versionId: Int, luna: YearMonth, status: CertificateStatus, findings: [Finding], at: Date) throws {
        for st in HistoryStore.recordVerdict(versionId: versionId, luna: luna, status: status, findings: findings, at: at) { try db.exec(st) }
    }

    static func recordVerdict(versionId: Int, luna: YearMonth, status: CertificateStatus, findings: [Finding], at: Date) -> [Statement] {
        let when = Timestamps.sql(at), month = luna.firstDay.description
        return [Statement("UPDATE certificate_versions SET valid_to = $2::timestamptz WHERE id = $1 AND luna = $3::date AND valid_to IS NULL",
                          ["\(versionId)", when, month]),
                Statement("""
            WITH n AS (
                INSERT INTO certificate_versions (document_id, position, cui, luna, serie, numar, operatie, status, valid_from,
                    data_acordarii, tip, initial_serie, initial_numar, initial_data, medic_parafa, medic_nume, loc_prescriere, cnp, nume,
                    prenume, angajator_cui, angajator_denumire, cod_indemnizatie, cod_diagnostic, cod_urgenta, cod_boala_infecto,
                    inceput, sfarsit, zile, aviz_numar, aviz_data, cnp_copil, motiv, errors, source)
                SELECT document_id, position, cui, luna, serie, numar, operatie, $2, $3::timestamptz,
                    data_acordarii, tip, initial_serie, initial_numar, initial_data, medic_parafa, medic_nume, loc_prescriere, cnp, nume,
                    prenume, angajator_cui, angajator_denumire, cod_indemnizatie, cod_diagnostic, cod_urgenta, cod_boala_infecto,
                    inceput, sfarsit, zile, aviz_numar, aviz_data, cnp_copil, motiv, $4::jsonb, 'revalidare'
                FROM certificate_versions WHERE id = $1 AND luna = $5::date
                RETURNING id, serie, numar)
            UPDATE certificate_current c SET id = n.id
            FROM n, LATERAL (SELECT ctid FROM certificate_current WHERE serie = n.serie AND numar = n.numar AND id = $1 OFFSET 0) x
            WHERE c.ctid = x.ctid
            """, ["\(versionId)", status.rawValue, when, CertificateWriter.json(findings), month])]
    }

    static func known(_ r: Row, documentId: Int?) -> KnownCertificate? {
        func date(_ c: String) -> LocalDate? { r[c].flatMap(LocalDate.init) }
        guard let cui = r["cui"], let luna = r["luna"].flatMap(YearMonth.init), let serie = r["serie"], let numar = r["numar"],
              let data = date("data_acordarii"), let tip = r["tip"].flatMap(CertificateKind.init(rawValue:)),
              let inceput = date("inceput"), let sfarsit = date("sfarsit"), let zile = r.int("zile") else { return nil }
        var initial: CertificateRef?
        if let s = r["initial_serie"], let n = r["initial_numar"], let d = date("initial_data") {
            initial = CertificateRef(serie: s, numar: n, dataAcordarii: d)
        }
        let body = CertificateBody(
            dataAcordarii: data, tip: tip, certificatInitial: initial, medicParafa: r["medic_parafa"] ?? "",
            medicNume: r["medic_nume"] ?? "", locPrescriere: r.int("loc_prescriere") ?? 0, cnp: r["cnp"] ?? "",
            nume: r["nume"] ?? "", prenume: r["prenume"] ?? "", angajatorCui: r["angajator_cui"],
            angajatorDenumire: r["angajator_denumire"], codIndemnizatie: r["cod_indemnizatie"] ?? "",
            codDiagnostic: r["cod_diagnostic"] ?? "", codUrgenta: r.int("cod_urgenta"), codBoalaInfecto: r.int("cod_boala_infecto"),
            perioada: Period(inceput: inceput, sfarsit: sfarsit, zile: zile), avizNumar: r["aviz_numar"],
            avizData: date("aviz_data"), cnpCopil: r["cnp_copil"])
        return KnownCertificate(cui: cui, luna: luna, serie: serie, numar: numar, body: body,
                                sameDocument: documentId != nil && r.int("document_id") == documentId, versionId: r.int("id"))
    }
}

/// A batch's known certificates, indexed the way the history query selects them.
public struct Neighbourhoods {
    let rows: [KnownCertificate]
    var byNumber: [String: [Int]] = [:], byChain: [String: [Int]] = [:], byCNP: [String: [Int]] = [:], byChild: [String: [Int]] = [:]

    /// `anyInitial`: a row naming the chain's initial belongs to the chain whatever its type, as
    /// the single-certificate lookup (`neighbours(serie:…)`) selects it; otherwise only a
    /// continuation does, as the batch lookup selects it.
    init(rows: [KnownCertificate], anyInitial: Bool = false) {
        self.rows = rows
        for (i, k) in rows.enumerated() {
            byNumber[k.serie + " " + k.numar, default: []].append(i)
            if anyInitial || k.body.tip == .continuare, let ref = k.body.certificatInitial {
                byChain[ref.serie + " " + ref.numar, default: []].append(i)
            }
            byCNP[k.body.cnp, default: []].append(i)
            if let c = k.body.cnpCopil { byChild[c, default: []].append(i) }
        }
    }

    /// What `HistoryStore.neighbours` would return for these keys, in the same order.
    public func of(_ k: HistoryStore.Keys) -> [KnownCertificate] {
        guard !rows.isEmpty else { return [] }   // no history: no keys to build
        var hits = Set<Int>()
        hits.formUnion(byNumber[k.serie + " " + k.numar] ?? [])
        hits.formUnion(byNumber[k.chain.serie + " " + k.chain.numar] ?? [])
        hits.formUnion(byChain[k.chain.serie + " " + k.chain.numar] ?? [])
        hits.formUnion(byCNP[k.cnp] ?? [])
        if let c = k.cnpCopil { hits.formUnion(byChild[c] ?? []) }
        return hits.sorted().map { rows[$0] }
    }
}
