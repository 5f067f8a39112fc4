import CCMCore
import Foundation

/// `centralizer --format csv`: UTF-8 with BOM, `;` separated, what Romanian Excel opens by
/// double-click (cells as `CSVCell` writes them).
public enum CentralizerCSV {
    public static let columns = ["Nr. crt.", "CUI", "Denumire furnizor", "Nr. convenție", "Stadiu procesare",
                                 "Nr. certificate raportate", "Nr. certificate cu erori", "Descrierea erorilor",
                                 "Data ultimei raportări", "Observații"]

    public static func render(_ c: Centralizer) -> String {
        var out = CSVCell.byteOrderMark + CSVCell.line(columns.map(CSVCell.text))
        for r in c.rows {
            out += CSVCell.line([.number(r.nrCrt), .text(r.cui), .text(r.denumire), .text(r.nrConventie), .text(r.stage.rawValue),
                                 .number(r.nrCertificate), .number(r.nrCertificateCuErori), .text(r.errorDescription.joined(separator: "\n")),
                                 .text(r.lastReport.map(Bucharest.wallClock) ?? ""), .text(r.observations.joined(separator: "\n"))])
        }
        return out
    }

}
