import CCMCore
import CCMFiles
import CCMPublishing
import Foundation

/// The centralizer in every format, written where the website and the consilieri take it from.
public enum Publisher {
    public static let formats = ["html", "xlsx", "csv", "json"]

    /// Renders one format to a file (atomically for the text formats; the XLSX writer renames too),
    /// world-readable whatever the umask: the table is public and holds no personal data.
    public static func write(_ table: Centralizer, format: String, to path: String) throws {
        if let problem = OutputFile.problem(path) { throw AppError.usage(problem) }
        defer { chmod(path, PrivateFiles.publicMode) }
        switch format {
        case "xlsx":
            do { try CentralizerXLSX.write(table, to: path) } catch let e as CentralizerXLSXError { throw AppError.usage(e.description) }
        case "html": try OutputFile.write(Data(CentralizerHTML.render(table).utf8), to: path)
        case "csv": try OutputFile.write(Data(CentralizerCSV.render(table).utf8), to: path)
        case "json": try OutputFile.write(Data(CentralizerJSON.render(table).utf8), to: path)
        case "text": try OutputFile.write(Data(CentralizerText.render(table).utf8), to: path)
        default: throw AppError.usage("--format \(format): disponibile html, xlsx, csv, json, text")
        }
    }

    /// Between the 14th and the 18th, and on the last day of the month (Bucharest), the
    /// previous month's table is published; `nil` outside those days.
    public static func monthToPublish(now: Date) -> YearMonth? {
        let today = Bucharest.localDate(of: now)
        let window = (14...18).contains(today.day) || today == today.yearMonth.lastDay
        return window ? today.yearMonth.previous : nil
    }

    /// Writes `centralizator-<luna>.<format>` for every format into `dir`; returns the paths.
    public static func publish(_ table: Centralizer, into dir: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try formats.map { f in
            let path = dir.appendingPathComponent("centralizator-\(table.luna).\(f)").path
            try write(table, format: f, to: path)
            return path
        }
    }
}
