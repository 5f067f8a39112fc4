import CCMCore
import Foundation

/// `centralizer --format text`: the table for a terminal (the operator's quick look).
public enum CentralizerText {
    public static func render(_ c: Centralizer) -> String {
        let counts = c.counts
        var out = "Tabel centralizator \(c.houseShortName), luna \(c.luna), \(c.edition) (la \(Bucharest.iso8601(c.asOf)))\n"
        out += Stage.allCases.map { "\($0.rawValue): \(counts[$0] ?? 0)" }.joined(separator: " · ") + "\n\n"
        let header = ["Nr.", "CUI", "Denumire furnizor", "Stadiu", "Cert.", "Erori", "Ultima raportare", "Observații"]
        var rows = [header]
        for r in c.rows {
            rows.append(["\(r.nrCrt)", r.cui, clip(r.denumire, 44), r.stage.rawValue, "\(r.nrCertificate)",
                         "\(r.nrCertificateCuErori)", r.lastReport.map(Bucharest.wallClock) ?? "",
                         clip(r.notes.first?.written ?? "", 60) + (r.notes.count > 1 ? " (+\(r.notes.count - 1))" : "")])
        }
        let widths = header.indices.map { i in rows.map { $0[i].count }.max() ?? 0 }
        for (n, row) in rows.enumerated() {
            out += row.enumerated().map { i, v in
                i == row.count - 1 ? v : v + String(repeating: " ", count: widths[i] - v.count)
            }.joined(separator: "  ") + "\n"
            if n == 0 { out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
        }
        // The table clips the observations: every one in full below, with the errors.
        for r in c.rows where !r.errors.isEmpty || !r.notes.isEmpty {
            out += "\n\(r.cui) \(r.denumire):\n" + r.errorDescription.map { "  \($0)\n" }.joined()
                + r.notes.map { "  Observație: \($0.written)\n" }.joined()
        }
        return out
    }

    static func clip(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
}
