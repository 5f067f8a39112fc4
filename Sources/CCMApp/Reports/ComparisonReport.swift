import CCMCore
import CCMFiles
import CCMPublishing
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
