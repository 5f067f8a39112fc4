import CCMCore
import Foundation

/// `centralizer --format json` (`04-outputs.md` §3; each error also carries its `severity`, as every error object does), plus `denumireCasa`, `editie` and each row's
/// `respinse` (every refused file, its reasons, whether a later report replaced it).
public enum CentralizerJSON {
    public static func render(_ c: Centralizer) -> String {
        let counts = c.counts
        return JSON.object([
            ("casa", .string(c.casa)), ("luna", .string(c.luna.description)), ("asOf", .string(Bucharest.iso8601(c.asOf))),
            ("denumireCasa", .string(c.houseFullName)), ("editie", .string(c.edition)),
            ("counts", .object(Stage.allCases.map { ($0.rawValue, .int(counts[$0] ?? 0)) })),
            ("rows", .array(c.rows.map { r in
                .object([
                    ("cui", .string(r.cui)), ("denumire", .string(r.denumire)),
                    ("nrConventie", .string(r.nrConventie)), ("stadiu", .string(r.stage.rawValue)),
                    ("nrCertificate", .int(r.nrCertificate)), ("nrCertificateCuErori", .int(r.nrCertificateCuErori)),
                    ("erori", .array(r.errors.map { e in
                        .object([("serie", .string(e.serie)), ("numar", .string(e.numar)), ("code", .string(e.code)),
                                 ("severity", .string(Severity.eroare.rawValue)), ("message", .string(e.message))])
                    })),
                    ("ultimaRaportare", .str(r.lastReport.map(Bucharest.iso8601))),
                    ("observatii", .array(r.notes.map { .string($0.written) })),
                    ("respinse", .array(r.refusals.map { f in
                        .object([("fisier", .string(f.fileName)), ("primitLa", .str(f.receivedAt.map(Bucharest.iso8601))),
                                 ("inlocuit", .bool(f.superseded)),
                                 ("erori", .array(f.reasons.map {
                                     .object([("code", .string($0.code)), ("severity", .string(Severity.eroare.rawValue)), ("message", .string($0.message))])
                                 }))])
                    })),
                ])
            })),
        ]).serialized() + "\n"
    }
}
