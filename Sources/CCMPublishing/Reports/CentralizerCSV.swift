import CCMCore
import Foundation

/// `centralizer --format csv`: UTF-8 with BOM, `;` separated, what Romanian Excel opens by
/// double-click (cells as `CSVCell` writes them). The edition ("Ediția din 14.11.2026") is a last
/// column, on every row: the first line stays the header, so the file is still one `;` table for
/// Excel and for programs, and a row copied or filtered out of it still says which edition it is.
public enum CentralizerCSV {
    public static let columns = ["Nr. crt.", "CUI", "Denumire furnizor", "Nr. convenție", "Stadiu procesare",
                                 "Nr. certificate raportate", "Nr. certificate cu erori", "Descrierea erorilor",
                                 "Data ultimei raportări", "Observații"]

    public static let editionColumn = "Ediția"

    public static func render(_ c: Centralizer) -> String {
        var out = CSVCell.byteOrderMark + CSVCell.line((columns + [editionColumn]).map(CSVCell.text))
        for r in c.rows {
            out += CSVCell.line([.number(r.nrCrt), .text(r.cui), .text(r.denumire), .text(r.nrConventie), .text(r.stage.rawValue),
                                 .number(r.nrCertificate), .number(r.nrCertificateCuErori), .text(r.errorDescription.joined(separator: "\n")),
                                 .text(r.lastReport.map(Bucharest.wallClock) ?? ""), .text(r.notes.map(\.written).joined(separator: "\n")),
                                 .text(c.edition)])
        }
        return out
    }

}
