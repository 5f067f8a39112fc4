import CCMCore
import Foundation

/// `centralizer --compare-to … --format csv`: the centralizer's CSV conventions (BOM, `;`, `CSVCell`);
/// each edition's columns name its moment, so the file says what it compares.
public enum ComparisonCSV {
    public static func columns(_ c: EditionComparison) -> [String] {
        let from = Bucharest.wallClock(c.from), to = Bucharest.wallClock(c.to)
        return ["Nr. crt.", "CUI", "Denumire furnizor",
                "Stadiu procesare la \(from)", "Nr. certificate raportate la \(from)", "Nr. certificate cu erori la \(from)",
                "Stadiu procesare la \(to)", "Nr. certificate raportate la \(to)", "Nr. certificate cu erori la \(to)", "Observații"]
    }

    public static func render(_ c: EditionComparison) -> String {
        func figures(_ f: EditionFigures?) -> [CSVCell] {
            guard let f else { return [.text(""), .text(""), .text("")] }
            return [.text(f.stage.rawValue), .number(f.nrCertificate), .number(f.nrCertificateCuErori)]
        }
        var out = CSVCell.byteOrderMark + CSVCell.line(columns(c).map(CSVCell.text))
        for (i, ch) in c.changes.enumerated() {
            out += CSVCell.line([.number(i + 1), .text(ch.cui), .text(ch.denumire)] + figures(ch.before) + figures(ch.after)
                                + [.text(ComparisonWording.presence(ch, from: c.from) ?? "")])
        }
        return out
    }
}
