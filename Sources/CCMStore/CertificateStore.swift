import CCMCore
import Foundation

/// Writes certificate versions in batches through COPY, inside the document's transaction.
public final class CertificateWriter {
    let db: Connection
    let documentId: Int
    let cui: String
    let luna: YearMonth
    let validFrom: String
    var pending: [String] = []
    /// The rows not yet written, as the rules see them (the same document's earlier
    /// certificates), indexed like the database: by number, chain, insured and child.
    var pendingKnown: [KnownCertificate] = []
    var pendingIndex: [String: [Int]] = [:]
    public let batchSize: Int

    public init(db: Connection, documentId: Int, cui: String, luna: YearMonth, validFrom: Date, batchSize: Int = 2000) {
        self.db = db; self.documentId = documentId; self.cui = cui; self.luna = luna
        self.validFrom = Timestamps.sql(validFrom); self.batchSize = batchSize
    }

    public func add(_ c: ReportedCertificate, status: CertificateStatus, findings: [Finding] = []) throws {
        let b = c.body
        pending.append(CopyText.row([
            "\(documentId)", "\(c.position)", cui, luna.firstDay.description, c.serie, c.numar, c.operatie?.rawValue,
            status.rawValue, validFrom, b?.dataAcordarii.description, b?.tip.rawValue,
            b?.certificatInitial?.serie, b?.certificatInitial?.numar, b?.certificatInitial?.dataAcordarii.description,
            b?.medicParafa, b?.medicNume, b.map { "\($0.locPrescriere)" }, b?.cnp, b?.nume, b?.prenume,
            b?.angajatorCui, b?.angajatorDenumire, b?.codIndemnizatie, b?.codDiagnostic,
            b?.codUrgenta.map { "\($0)" }, b?.codBoalaInfecto.map { "\($0)" },
            b?.perioada.inceput.description, b?.perioada.sfarsit.description, b.map { "\($0.perioada.zile)" },
            b?.avizNumar, b?.avizData?.description, b?.cnpCopil, c.motiv, CertificateWriter.json(findings),
        ]))
        if let b {
            let k = KnownCertificate(cui: cui, luna: luna, serie: c.serie, numar: c.numar, body: b, sameDocument: true)
            let i = pendingKnown.count
            pendingKnown.append(k)
            for key in CertificateWriter.keys(serie: c.serie, numar: c.numar, chain: k.chainKey, cnp: b.cnp, cnpCopil: b.cnpCopil) {
                pendingIndex[key, default: []].append(i)
            }
        }
    }

    /// Writes what is pending once there is a batch of it. Called between batches of judged
    /// certificates, never within one: the rules of a batch see the unwritten ones through
    /// `pendingNeighbours`, the written ones through the database.
    public func flushIfFull() throws {
        if pending.count >= batchSize { try flush() }
    }

    public func flush() throws {
        guard !pending.isEmpty else { return }
        try db.copy("""
            COPY certificate_versions (document_id, position, cui, luna, serie, numar, operatie, status, valid_from,
                data_acordarii, tip, initial_serie, initial_numar, initial_data, medic_parafa, medic_nume, loc_prescriere,
                cnp, nume, prenume, angajator_cui, angajator_denumire, cod_indemnizatie, cod_diagnostic, cod_urgenta,
                cod_boala_infecto, inceput, sfarsit, zile, aviz_numar, aviz_data, cnp_copil, motiv, errors) FROM STDIN
            """, rows: pending)
        pending.removeAll(keepingCapacity: true)
        pendingKnown.removeAll(keepingCapacity: true)
        pendingIndex.removeAll(keepingCapacity: true)
    }
}

extension CertificateWriter {
    static func keys(serie: String, numar: String, chain: ChainKey, cnp: String, cnpCopil: String?) -> [String] {
        ["n\(serie) \(numar)", "c\(chain.serie) \(chain.numar)", "p\(cnp)"] + (cnpCopil.map { ["k\($0)"] } ?? [])
    }

    /// The unwritten certificates that share a number, chain, insured or child with these.
    public func pendingNeighbours(serie: String, numar: String, chain: ChainKey, cnp: String, cnpCopil: String?) -> [KnownCertificate] {
        // The chain's initial is found by its number, its continuations by the chain key.
        let keys = CertificateWriter.keys(serie: serie, numar: numar, chain: chain, cnp: cnp, cnpCopil: cnpCopil)
            + ["n\(chain.serie) \(chain.numar)"]
        let hits = Set(keys.flatMap { pendingIndex[$0] ?? [] })
        return hits.sorted().map { pendingKnown[$0] }
    }

    /// The findings as the jsonb column holds them (one per certificate: most have none).
    static func json(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "[]" }
        let items = findings.map { f in
            "{" + [("code", f.code), ("message", f.message), ("public", f.publicMessage ?? f.message),
                   ("severity", f.severity.rawValue)].map { JSONQuote.quoted($0.0) + ":" + JSONQuote.quoted($0.1) }.joined(separator: ",") + "}"
        }
        return "[" + items.joined(separator: ",") + "]"
    }
}

/// Versioning: a MODIFICARE or STERGERE ends the current version of the same (CUI, luna,
/// Serie, Numar) at the receipt of the rectificative; a STERGERE's own row is a tombstone,
/// never current.
public enum CertificateVersions {
    public static func supersede(_ db: Connection, documentId: Int, at receivedAt: Date) throws {
        let at = Timestamps.sql(receivedAt)
        try db.exec("""
            UPDATE certificate_versions old SET valid_to = $2::timestamptz
            FROM certificate_versions new
            WHERE new.document_id = $1 AND new.operatie IN ('MODIFICARE', 'STERGERE')
              AND old.cui = new.cui AND old.luna = new.luna AND old.serie = new.serie AND old.numar = new.numar
              AND old.valid_to IS NULL AND old.document_id <> $1
            """, ["\(documentId)", at])
        try db.exec("UPDATE certificate_versions SET valid_to = valid_from WHERE document_id = $1 AND operatie = 'STERGERE'",
                    ["\(documentId)"])
    }
}
