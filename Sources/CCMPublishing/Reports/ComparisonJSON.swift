import CCMCore
import Foundation

/// `centralizer --compare-to … --format json` (`04-outputs.md` §4); `before` or `after` is null for a
/// provider in one edition only.
public enum ComparisonJSON {
    public static func render(_ c: EditionComparison) -> String {
        func figures(_ f: EditionFigures?) -> JSON {
            guard let f else { return .null }
            return .object([("stadiu", .string(f.stage.rawValue)), ("nrCertificate", .int(f.nrCertificate)),
                            ("nrCertificateCuErori", .int(f.nrCertificateCuErori))])
        }
        return JSON.object([
            ("casa", .string(c.casa)), ("luna", .string(c.luna.description)),
            ("from", .string(Bucharest.iso8601(c.from))), ("to", .string(Bucharest.iso8601(c.to))),
            ("changes", .array(c.changes.map { ch in
                .object([("cui", .string(ch.cui)), ("denumire", .string(ch.denumire)),
                         ("before", figures(ch.before)), ("after", figures(ch.after))])
            })),
        ]).serialized() + "\n"
    }
}
