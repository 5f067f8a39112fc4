import CCMCore
import Foundation

/// The Romanian words every format of the comparison shares.
enum ComparisonWording {
    /// `CU ERORI → VALIDAT`, or the one value when it did not change.
    static func change<T: Equatable>(_ before: T, _ after: T, _ show: (T) -> String) -> String {
        before == after ? show(after) : "\(show(before)) → \(show(after))"
    }

    /// `CU ERORI → VALIDAT; certificate 8 → 7; cu erori 3 → 0`; one side only for a provider in one edition.
    static func figures(_ c: EditionChange) -> String {
        let b = c.before ?? c.after, a = c.after ?? c.before
        guard let b, let a else { return "" }
        return change(b.stage, a.stage, \.rawValue) + "; certificate " + change(b.nrCertificate, a.nrCertificate, String.init)
            + "; cu erori " + change(b.nrCertificateCuErori, a.nrCertificateCuErori, String.init)
    }

    /// Why a provider is in one edition only, or nil for a changed row.
    static func presence(_ c: EditionChange, from: Date) -> String? {
        switch c.kind {
        case .changed: return nil
        case .appeared: return "apare în tabel: la ediția din \(Bucharest.wallClock(from)) registrul nu avea o convenție a lui pentru această lună"
        case .disappeared: return "nu mai apare în tabel: registrul nu mai are o convenție a lui pentru această lună"
        }
    }

    /// `de la ediția din 14.11.2026 08:00 la 30.11.2026 23:00`.
    static func span(_ c: EditionComparison) -> String {
        "de la ediția din \(Bucharest.wallClock(c.from)) la situația din \(Bucharest.wallClock(c.to)) (ora României)"
    }

    /// `Nicio schimbare`, `1 furnizor și-a schimbat situația`, `20 de furnizori și-au schimbat situația`.
    static func total(_ n: Int) -> String {
        switch n {
        case 0: return "Nicio schimbare"
        case 1: return "1 furnizor și-a schimbat situația"
        default: return RomanianCount.of(n, "furnizor", "furnizori") + " și-au schimbat situația"
        }
    }
}
