import CCMCore
import Foundation

extension MonthStore {
    /// Every file of the month refused as of `at`, per CUI in receipt order, with its public
    /// reasons (and where each was found) and whether a later report of that provider was registered since.
    func refusedFiles(month: String, at: String) throws -> [String: [RefusedFile]] {
        var out: [String: [RefusedFile]] = [:]
        var lastID: String?
        for r in try db.exec(MonthStore.refusedFilesQuery, [month, at]) {
            let cui = r["cui"] ?? ""
            if r["id"] != lastID {
                lastID = r["id"]
                out[cui, default: []].append(RefusedFile(fileName: r["file_name"] ?? "", receivedAt: Timestamps.fromEpoch(r["at"]),
                                                         tip: r["tip"], reasons: [], superseded: r.bool("superseded")))
            }
            if let code = r["code"], let last = out[cui]?.indices.last {
                out[cui]?[last].reasons.append(FileReason(code: code, message: r["message"] ?? "", line: r.int("line"), column: r.int("col")))
            }
        }
        return out
    }

    /// Whether the refused document `d` is superseded as of the moment `asOf` (a SQL parameter):
    /// a report of the same provider and month was registered after it – later by receipt time,
    /// then by registration order for files received at the same moment. The page and the
    /// e-mails judge it by this one predicate.
    static func superseded(_ d: String, asOf: String) -> String {
        """
        EXISTS (SELECT 1 FROM documents l
                WHERE l.cui = \(d).cui AND l.luna = \(d).luna AND l.status = 'INREGISTRAT' AND l.received_at <= \(asOf)::timestamptz
                  AND (l.received_at, l.id) > (\(d).received_at, \(d).id))
        """
    }

    static let refusedFilesQuery = """
        SELECT d.id, d.cui, d.file_name, d.tip, extract(epoch FROM d.received_at) AS at, r.code, r.message, r.line, r.col,
               \(superseded("d", asOf: "$2")) AS superseded
        FROM documents d LEFT JOIN document_public_reasons r ON r.document_id = d.id AND r.severity = 'EROARE'
        WHERE d.luna = $1::date AND d.status = 'RESPINS' AND d.received_at <= $2::timestamptz
        ORDER BY d.cui, d.received_at, d.id, r.seq
        """
}
