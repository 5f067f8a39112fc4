import CCMCore
import CCMStore
import Foundation

/// `centralizer --compare-to` (`04-outputs.md` §4): the two editions read from the store, and the
/// comparison written in the formats it has. Public like the table: counts and stages only.
public enum ComparisonReport {
    public static let formats = ["json", "html", "csv", "text", "xlsx"]

    public static func build(_ db: Connection, settings: Settings, luna: YearMonth, from: Date, to: Date) throws -> EditionComparison {
        EditionComparison(from: try App.centralizer(db, settings: settings, luna: luna, asOf: from),
                          to: try App.centralizer(db, settings: settings, luna: luna, asOf: to))
    }

    /// Writes one format to `path` (the text formats atomically, the workbook by renaming its temporary
    /// file), then makes it world-readable whatever the umask.
    public static func write(_ c: EditionComparison, format: String, to path: String) throws {
        if let problem = OutputFile.problem(path) { throw AppError.usage(problem) }
        if format == "xlsx" {
            do { try ComparisonXLSX.write(c, to: path) } catch let e as CentralizerXLSXError { throw AppError.usage(e.description) }
        } else {
            try OutputFile.write(Data(try render(c, format: format).utf8), to: path)
        }
        chmod(path, PrivateFiles.publicMode)
    }

    /// The text formats; the workbook is only written to a file (`write`).
    public static func render(_ c: EditionComparison, format: String) throws -> String {
        switch format {
        case "json": return ComparisonJSON.render(c)
        case "html": return ComparisonHTML.render(c)
        case "csv": return ComparisonCSV.render(c)
        case "text": return ComparisonText.render(c)
        default: throw unsupported(format)
        }
    }

    public static func unsupported(_ format: String) -> AppError {
        .usage("--compare-to nu are formatul \(format): disponibile json, html, csv, text și xlsx")
    }
}

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
