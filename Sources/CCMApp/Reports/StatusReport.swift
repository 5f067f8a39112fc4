import CCMCore
import CCMStore
import Foundation

/// `ccm status`: each provider's stage with the files it sent for the month.
public struct StatusReport {
    public var table: Centralizer
    public var documents: [String: [MonthStore.DocumentLine]]

    public static func build(_ db: Connection, settings: Settings, luna: YearMonth, cui: String?, asOf: Date) throws -> StatusReport {
        var table = try App.centralizer(db, settings: settings, luna: luna, asOf: asOf)
        if let cui { table.rows = table.rows.filter { $0.cui == cui } }
        return StatusReport(table: table, documents: try MonthStore(db).documents(luna: luna, cui: cui, asOf: asOf))
    }

    public var text: String {
        let counts = table.counts
        var out = "CAS \(table.casa), luna \(table.luna), la \(Bucharest.iso8601(table.asOf))\n"
        out += Stage.allCases.map { "\($0.rawValue): \(counts[$0] ?? 0)" }.joined(separator: " · ") + "\n\n"
        for r in table.rows {
            out += "\(r.cui)  \(r.denumire)\n    \(r.stage.rawValue) · \(r.nrCertificate) certificate, \(r.nrCertificateCuErori) cu erori\n"
            for d in documents[r.cui] ?? [] {
                out += "    - \(d.fileName): \(d.status)" + (d.tip.map { " \($0)" } ?? "") +
                       (d.receivedAt.map { ", primit \(Bucharest.iso8601($0))" } ?? "") +
                       (d.certificates.map { ", \($0) certificate" } ?? "") + "\n"
                for reason in d.reasons { out += "        \(reason)\n" }
            }
        }
        return out
    }

    public var json: String {
        let counts = table.counts
        return JSON.object([
            ("casa", .string(table.casa)), ("luna", .string(table.luna.description)),
            ("asOf", .string(Bucharest.iso8601(table.asOf))),
            ("counts", .object(Stage.allCases.map { ($0.rawValue, .int(counts[$0] ?? 0)) })),
            ("providers", .array(table.rows.map { r in
                .object([("cui", .string(r.cui)), ("denumire", .string(r.denumire)), ("stadiu", .string(r.stage.rawValue)),
                         ("nrCertificate", .int(r.nrCertificate)), ("nrCertificateCuErori", .int(r.nrCertificateCuErori)),
                         ("documente", .array((documents[r.cui] ?? []).map { d in
                             .object([("file", .string(d.fileName)), ("status", .string(d.status)), ("tip", .str(d.tip)),
                                      ("receivedAt", .str(d.receivedAt.map(Bucharest.iso8601))),
                                      ("nrCertificate", d.certificates.map(JSON.int) ?? .null),
                                      ("reasons", .array(d.reasons.map(JSON.string)))])
                         }))])
            })),
        ]).serialized() + "\n"
    }
}
