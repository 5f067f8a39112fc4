import CCMCore
import CXLSXWriter
import Foundation

/// Why the XLSX centralizer could not be written (the message is for the operator, in Romanian).
public struct CentralizerXLSXError: Error, CustomStringConvertible, LocalizedError {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
    public var errorDescription: String? { message }
}

/// `centralizer --format xlsx`: a real Excel workbook for the consilieri (`04-outputs.md` §1).
///
/// Sheet "Centralizator": a title row (the house, month), an edition row (the edition label, the
/// as-of moment and the counts per stage), then the table with the columns of `CentralizerCSV.columns`. The header row and the
/// rows above it are frozen, as are the columns up to the provider's name; the header carries an
/// autofilter. Counts are numbers, the last report is an Excel date-time, the stage cell is coloured.
/// Sheet "Erori": one row per error of a current certificate (Serie, Număr) and per reason of a
/// refused file (Fișier respins, Primit la; a refusal a later report replaced says so), per provider.
///
/// The workbook is written to a temporary file next to `path` and renamed over it, so a half-written
/// file never appears at `path`.
public enum CentralizerXLSX {
    public static let mainSheet = "Centralizator"
    public static let errorsSheet = "Erori"
    public static let errorColumns = ["CUI", "Denumire furnizor", "Serie", "Număr", "Cod", "Mesaj", "Fișier respins", "Primit la", "Observații"]
    /// Row (0-based) of the table header on the main sheet; the data starts right below.
    public static let headerRow: UInt32 = 2

    public static func write(_ c: Centralizer, to path: String) throws {
        try writeWorkbook(to: path) { try build(c, in: $0) }
    }

    /// Builds a workbook into a temporary file next to `path`, then renames it over `path`.
    static func writeWorkbook(to path: String, _ build: (Workbook) throws -> Void) throws {
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CentralizerXLSXError("nu pot scrie \(path): directorul \(directory.path) nu există")
        }
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp").path
        defer { try? FileManager.default.removeItem(atPath: temporary) }

        guard let workbook = workbook_new(temporary) else {
            throw CentralizerXLSXError("nu pot crea registrul XLSX \(path) (memorie insuficientă)")
        }
        // Everything is built first; the workbook is closed (and freed) in every case.
        var buildError: CentralizerXLSXError?
        do { try build(workbook) } catch let e as CentralizerXLSXError { buildError = e } catch {
            buildError = CentralizerXLSXError("\(error)")
        }
        let closed = workbook_close(workbook)
        if let buildError { throw CentralizerXLSXError("nu pot scrie \(path): \(buildError.message)") }
        guard closed == LXW_NO_ERROR else {
            throw CentralizerXLSXError("nu pot scrie \(path): \(describe(closed))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = SystemReason.posix(errno)
            throw CentralizerXLSXError("nu pot muta registrul XLSX la \(path): \(reason)")
        }
    }

    // MARK: - Building

    typealias Workbook = UnsafeMutablePointer<lxw_workbook>
    typealias Sheet = UnsafeMutablePointer<lxw_worksheet>
    typealias Format = UnsafeMutablePointer<lxw_format>

    struct Formats {
        var title, info, header, text, wrapped, number, date, empty: Format?
        var stage: [Stage: Format] = [:]
        /// A date-time in the hour repeated when summer time ends, shown with its offset.
        var repeatedDate: [String: Format] = [:]
    }

    /// The HTML page's palette: light fills with dark text.
    static var stageColours: [Stage: (fill: UInt32, font: UInt32)] {
        Dictionary(uniqueKeysWithValues: Stage.allCases.map { s in
            let c = StagePalette.colours(s)
            return (s, (c.fill, c.text))
        })
    }

    private static func build(_ c: Centralizer, in workbook: Workbook) throws {
        setProperties(c, workbook)
        let f = makeFormats(workbook)
        guard let main = workbook_add_worksheet(workbook, mainSheet),
              let errors = workbook_add_worksheet(workbook, errorsSheet) else {
            throw CentralizerXLSXError("nu pot adăuga foile de calcul")
        }
        try writeMain(c, main, f)
        try writeErrors(c, errors, f)
        worksheet_activate(main)
    }

    private static func setProperties(_ c: Centralizer, _ workbook: Workbook) {
        setProperties(workbook, title: "Tabel centralizator \(c.houseShortName), luna \(c.luna), \(c.edition)",
                      subject: "Stadiul procesării raportărilor de certificate medicale", author: c.houseFullName)
    }

    /// Title, subject, and the house as author and company.
    static func setProperties(_ workbook: Workbook, title: String, subject: String, author: String) {
        // libxlsxwriter copies the strings.
        let title = strdup(title), subject = strdup(subject), author = strdup(author)
        defer { free(title); free(subject); free(author) }
        var props = lxw_doc_properties()
        props.title = title; props.subject = subject; props.author = author; props.company = author
        _ = workbook_set_properties(workbook, &props)
    }

    static func makeFormats(_ workbook: Workbook) -> Formats {
        func cell(wrap: Bool = false) -> Format? {
            let fmt = workbook_add_format(workbook)
            format_set_border(fmt, u8(LXW_BORDER_THIN.rawValue))
            format_set_border_color(fmt, 0xBFBFBF)
            format_set_align(fmt, u8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            if wrap { format_set_text_wrap(fmt) }
            return fmt
        }
        var f = Formats()
        f.title = workbook_add_format(workbook)
        format_set_bold(f.title); format_set_font_size(f.title, 14)
        f.info = workbook_add_format(workbook)
        format_set_italic(f.info)
        f.header = workbook_add_format(workbook)
        format_set_bold(f.header); format_set_text_wrap(f.header)
        format_set_bg_color(f.header, 0xD9E1F2); format_set_font_color(f.header, 0x1F1F1F)
        format_set_border(f.header, u8(LXW_BORDER_THIN.rawValue)); format_set_border_color(f.header, 0x808080)
        format_set_align(f.header, u8(LXW_ALIGN_CENTER.rawValue))
        format_set_align(f.header, u8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        f.text = cell()
        f.wrapped = cell(wrap: true)
        f.number = cell()
        format_set_num_format(f.number, "0")
        f.date = cell()
        format_set_num_format(f.date, "dd.mm.yyyy hh:mm")
        format_set_align(f.date, u8(LXW_ALIGN_LEFT.rawValue))
        // Still a date-time (it sorts with the others); the offset is a literal of its format.
        for offset in ["+03:00", "+02:00"] {
            guard let fmt = cell() else { continue }
            format_set_num_format(fmt, "dd.mm.yyyy hh:mm \" (\(offset))\"")
            format_set_align(fmt, u8(LXW_ALIGN_LEFT.rawValue))
            f.repeatedDate[offset] = fmt
        }
        f.empty = cell()
        for stage in Stage.allCases {
            guard let fmt = cell() else { continue }
            format_set_bold(fmt)
            if let colours = stageColours[stage] {
                format_set_pattern(fmt, u8(LXW_PATTERN_SOLID.rawValue))
                format_set_bg_color(fmt, colours.fill)
                format_set_font_color(fmt, colours.font)
            }
            f.stage[stage] = fmt
        }
        return f
    }

    /// Widths in Excel character units, in the order of `CentralizerCSV.columns`.
    static let mainWidths: [Double] = [7, 12, 36, 14, 17, 12, 11, 60, 17, 45]
    static let errorWidths: [Double] = [12, 36, 10, 12, 8, 80, 34, 17, 30]

    private static func writeMain(_ c: Centralizer, _ ws: Sheet, _ f: Formats) throws {
        let columns = CentralizerCSV.columns
        let last = UInt16(columns.count - 1)
        for (i, w) in mainWidths.enumerated() { try check(worksheet_set_column(ws, UInt16(i), UInt16(i), w, nil)) }

        let counts = c.counts
        try put(ws, 0, 0, "Tabel centralizator – \(c.houseFullName) – luna \(Edition.monthName(c.luna))", f.title)
        let perStage = Stage.allCases.map { "\($0.rawValue): \(counts[$0] ?? 0)" }.joined(separator: " · ")
        try put(ws, 1, 0, "\(c.edition) · situația la \(Bucharest.wallClock(c.asOf)) (ora României) · " + perStage
                    + " · Total furnizori: \(c.rows.count)", f.info)

        for (i, title) in columns.enumerated() { try put(ws, headerRow, UInt16(i), title, f.header) }

        for (n, r) in c.rows.enumerated() {
            let row = headerRow + 1 + UInt32(n)
            try number(ws, row, 0, Double(r.nrCrt), f.number)
            try put(ws, row, 1, r.cui, f.text)
            try put(ws, row, 2, r.denumire, f.wrapped)
            try put(ws, row, 3, r.nrConventie, f.text)
            try put(ws, row, 4, r.stage.rawValue, f.stage[r.stage] ?? f.text)
            try number(ws, row, 5, Double(r.nrCertificate), f.number)
            try number(ws, row, 6, Double(r.nrCertificateCuErori), f.number)
            try put(ws, row, 7, fitted(r.errorDescription.joined(separator: "\n"),
                                       note: "… (lista completă în foaia Erori)"), f.wrapped)
            try dateTime(ws, row, 8, r.lastReport, f)
            try put(ws, row, 9, fitted(r.notes.map(\.written).joined(separator: "\n"), note: "…"), f.wrapped)
        }
        let lastRow = headerRow + UInt32(c.rows.count)
        try check(worksheet_autofilter(ws, headerRow, 0, lastRow, last))
        worksheet_freeze_panes(ws, headerRow + 1, 3)
        // CUI and convention numbers are identifiers, not numbers: no green triangles.
        _ = worksheet_ignore_errors(ws, u8(LXW_IGNORE_NUMBER_STORED_AS_TEXT.rawValue),
                                    "B\(headerRow + 1):B\(lastRow + 1) D\(headerRow + 1):D\(lastRow + 1)")
        printSetup(ws, c, repeatRow: headerRow)
    }

    private static func writeErrors(_ c: Centralizer, _ ws: Sheet, _ f: Formats) throws {
        for (i, w) in errorWidths.enumerated() { try check(worksheet_set_column(ws, UInt16(i), UInt16(i), w, nil)) }
        for (i, title) in errorColumns.enumerated() { try put(ws, 0, UInt16(i), title, f.header) }
        var row: UInt32 = 0
        for r in c.rows {
            for e in r.errors {
                row += 1
                try put(ws, row, 0, r.cui, f.text)
                try put(ws, row, 1, r.denumire, f.wrapped)
                try put(ws, row, 2, e.serie, f.text)
                try put(ws, row, 3, e.numar, f.text)
                try put(ws, row, 4, e.code, f.text)
                try put(ws, row, 5, fitted(e.message, note: "…"), f.wrapped)
                for col in UInt16(6)...8 { try check(worksheet_write_blank(ws, row, col, f.empty)) }
            }
            for file in r.refusals {
                for reason in file.reasons.isEmpty ? [FileReason(code: "", message: "")] : file.reasons {
                    row += 1
                    try put(ws, row, 0, r.cui, f.text)
                    try put(ws, row, 1, r.denumire, f.wrapped)
                    for col in UInt16(2)...3 { try check(worksheet_write_blank(ws, row, col, f.empty)) }
                    try put(ws, row, 4, reason.code, f.text)
                    try put(ws, row, 5, fitted(reason.message, note: "…"), f.wrapped)
                    try put(ws, row, 6, file.fileName, f.wrapped)
                    try dateTime(ws, row, 7, file.receivedAt, f)
                    try put(ws, row, 8, file.superseded ? Observation.supersededMark : "", f.wrapped)
                }
            }
        }
        try check(worksheet_autofilter(ws, 0, 0, row, UInt16(errorColumns.count - 1)))
        worksheet_freeze_panes(ws, 1, 0)
        _ = worksheet_ignore_errors(ws, u8(LXW_IGNORE_NUMBER_STORED_AS_TEXT.rawValue), "A1:A\(row + 1) C1:D\(row + 1)")
        printSetup(ws, c, repeatRow: 0)
    }

    /// Landscape A4, one page wide, the header row repeated, CAS / month / edition in the page header.
    private static func printSetup(_ ws: Sheet, _ c: Centralizer, repeatRow: UInt32) {
        printSetup(ws, repeatRow: repeatRow, left: c.houseShortName,
                   centre: "Tabel centralizator – \(Edition.monthName(c.luna))", right: c.edition)
    }

    /// Landscape A4, one page wide, the header row repeated, three texts in the page header.
    static func printSetup(_ ws: Sheet, repeatRow: UInt32, left: String, centre: String, right: String) {
        worksheet_set_landscape(ws)
        worksheet_set_paper(ws, 9)
        worksheet_fit_to_pages(ws, 1, 0)
        _ = worksheet_repeat_rows(ws, repeatRow, repeatRow)
        let amp = { (s: String) in s.replacingOccurrences(of: "&", with: "&&") }
        let header = "&L\(amp(left))&C\(amp(centre))&R\(amp(right))"
        if header.utf8.count <= 255 { _ = worksheet_set_header(ws, header) }
        _ = worksheet_set_footer(ws, "&CPagina &P din &N")
    }

    // MARK: - Helpers

    /// A Bucharest date-time cell (the format shows the offset in the repeated hour), blank without one.
    private static func dateTime(_ ws: Sheet, _ row: UInt32, _ col: UInt16, _ d: Date?, _ f: Formats) throws {
        guard let d else { return try check(worksheet_write_blank(ws, row, col, f.empty)) }
        var dt = excelDateTime(d)
        let format = Bucharest.isRepeated(d) ? f.repeatedDate[Bucharest.utcOffset(of: d)] ?? f.date : f.date
        try check(worksheet_write_datetime(ws, row, col, &dt, format), at: row, col)
    }

    /// The Bucharest wall-clock time of an instant, as Excel stores it.
    static func excelDateTime(_ d: Date) -> lxw_datetime {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = Bucharest.timeZone
        let p = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: d)
        return lxw_datetime(year: Int32(p.year ?? 1900), month: Int32(p.month ?? 1), day: Int32(p.day ?? 1),
                            hour: Int32(p.hour ?? 0), min: Int32(p.minute ?? 0), sec: Double(p.second ?? 0))
    }

    /// Excel holds at most 32 767 characters in a cell; libxlsxwriter refuses longer strings.
    static let maxCell = 32_767

    static func fitted(_ s: String, note: String) -> String {
        guard s.utf8.count > maxCell else { return s }
        var out = ""
        var size = 0
        let budget = maxCell - note.utf8.count
        for ch in s {
            let n = String(ch).utf8.count
            if size + n > budget { break }
            out.append(ch); size += n
        }
        return out + note
    }

    static func put(_ ws: Sheet, _ row: UInt32, _ col: UInt16, _ s: String, _ fmt: Format?) throws {
        // A NUL would end the C string early; it has no place in a cell anyway.
        let clean = s.contains("\0") ? s.replacingOccurrences(of: "\0", with: "") : s
        try check(worksheet_write_string(ws, row, col, clean, fmt), at: row, col)
    }

    static func number(_ ws: Sheet, _ row: UInt32, _ col: UInt16, _ v: Double, _ fmt: Format?) throws {
        try check(worksheet_write_number(ws, row, col, v, fmt), at: row, col)
    }

    static func check(_ e: lxw_error, at row: UInt32? = nil, _ col: UInt16? = nil) throws {
        guard e != LXW_NO_ERROR else { return }
        let place = row.map { r in " (rândul \(r + 1), coloana \((col ?? 0) + 1))" } ?? ""
        throw CentralizerXLSXError("eroare libxlsxwriter\(place): \(describe(e))")
    }

    private static func describe(_ e: lxw_error) -> String {
        guard let s = lxw_strerror(e) else { return "cod \(e.rawValue)" }
        return String(cString: s) + " (cod \(e.rawValue))"
    }

    static func u8(_ v: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: v) }
}
