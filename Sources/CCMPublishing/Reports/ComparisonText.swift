import CCMCore
import Foundation

/// `centralizer --compare-to … --format text`: one line per provider that changed, then how many.
public enum ComparisonText {
    public static func render(_ c: EditionComparison) -> String {
        var out = "Schimbări în tabelul centralizator \(c.houseShortName), luna \(c.luna), \(ComparisonWording.span(c))\n"
        for ch in c.changes {
            let presence = ComparisonWording.presence(ch, from: c.from).map { " (\($0))" } ?? ""
            out += "\(ch.cui) \(ReflectedText.escaped(ch.denumire)): \(ComparisonWording.figures(ch))\(presence)\n"
        }
        return out + ComparisonWording.total(c.changes.count) + ".\n"
    }
}
