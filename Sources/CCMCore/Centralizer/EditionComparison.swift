import Foundation

/// What the comparison of two editions reads of a provider's row (`04-outputs.md` §4): counts and
/// the stage only, so it carries no personal data whatever the table held.
public struct EditionFigures: Sendable, Equatable {
    public var stage: Stage
    public var nrCertificate: Int
    public var nrCertificateCuErori: Int

    public init(stage: Stage, nrCertificate: Int, nrCertificateCuErori: Int) {
        self.stage = stage; self.nrCertificate = nrCertificate; self.nrCertificateCuErori = nrCertificateCuErori
    }

    public init(_ row: CentralizerRow) {
        self.init(stage: row.stage, nrCertificate: row.nrCertificate, nrCertificateCuErori: row.nrCertificateCuErori)
    }
}

/// One provider whose row differs between two editions.
public struct EditionChange: Sendable, Equatable {
    /// `appeared`: in the later edition only (a convention in the month the registry did not hold yet);
    /// `disappeared`: in the earlier one only (its convention no longer covers the month).
    public enum Kind: Sendable, Equatable { case changed, appeared, disappeared }

    public var cui: String
    /// The later edition's name when the provider is in it (the registry may have renamed it).
    public var denumire: String
    public var before: EditionFigures?
    public var after: EditionFigures?

    public init(cui: String, denumire: String, before: EditionFigures?, after: EditionFigures?) {
        self.cui = cui; self.denumire = denumire; self.before = before; self.after = after
    }

    public var kind: Kind { before == nil ? .appeared : after == nil ? .disappeared : .changed }
}

/// What changed between the edition as of `from` and the one as of `to`: the providers whose stage,
/// number of certificates or number with errors differ, or that are in one edition only, in the
/// table's reading order. A row that only differs in name, errors' text or observations is not listed.
public struct EditionComparison: Sendable {
    public var casa: String
    /// "CAS Timiș", as the later table names its house.
    public var houseShortName: String
    /// "Casa de Asigurări de Sănătate Timiș", as the later table names its house in full.
    public var houseFullName: String
    public var luna: YearMonth
    public var from: Date
    public var to: Date
    public var changes: [EditionChange]

    public init(from earlier: Centralizer, to later: Centralizer) {
        casa = later.casa; houseShortName = later.houseShortName; houseFullName = later.houseFullName
        luna = later.luna; from = earlier.asOf; to = later.asOf
        // A CUI is one row of a table; should one ever repeat, its first row stands.
        let before = Dictionary(earlier.rows.map { ($0.cui, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(later.rows.map { ($0.cui, $0) }, uniquingKeysWith: { first, _ in first })
        changes = Set(before.keys).union(after.keys).compactMap { cui -> EditionChange? in
            let b = before[cui].map(EditionFigures.init), a = after[cui].map(EditionFigures.init)
            guard b != a else { return nil }
            return EditionChange(cui: cui, denumire: after[cui]?.denumire ?? before[cui]?.denumire ?? "", before: b, after: a)
        }
        .sorted { Centralizer.readsBefore(($0.denumire, $0.cui), ($1.denumire, $1.cui)) }
    }

    /// Providers that changed, per kind of change.
    public func count(_ kind: EditionChange.Kind) -> Int { changes.filter { $0.kind == kind }.count }
}
