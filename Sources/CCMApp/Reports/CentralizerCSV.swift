import CCMCore
import Foundation

/// `centralizer --format csv`: UTF-8 with BOM, `;` separated, what Romanian Excel opens by
/// double-click. Multi-line cells are quoted.
public enum CentralizerCSV {
    public static let columns = ["Nr. crt.", "CUI", "Denumire furnizor", "Nr. convenție", "Stadiu procesare",
                                 "Nr. certificate raportate", "Nr. certificate cu erori", "Descrierea erorilor",
                                 "Data ultimei raportări", "Observații"]

    public static func render(_ c: Centralizer) -> String {
        var out = "\u{FEFF}" + line(columns)
        for r in c.rows {
            out += line(["\(r.nrCrt)", r.cui, r.denumire, r.nrConventie, r.stage.rawValue, "\(r.nrCertificate)",
                         "\(r.nrCertificateCuErori)", r.errorDescription.joined(separator: "\n"),
                         r.lastReport.map(Bucharest.wallClock) ?? "", r.observations.joined(separator: "\n")])
        }
        return out
    }

    static func line(_ fields: [String]) -> String { fields.map(quote).joined(separator: ";") + "\r\n" }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

}
