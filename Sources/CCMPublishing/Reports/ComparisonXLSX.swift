import CCMCore
import CXLSXWriter
import Foundation

/// `centralizer --compare-to … --format xlsx`: the centralizer workbook's conventions (`04-outputs.md` §1)
/// for the list of §4. One sheet: a title row (house, month), a row with the two moments and how many
/// changed, then the columns of `ComparisonCSV.columns`, the header frozen with the columns up to the
/// name, each stage cell coloured with the centralizer's palette; an empty list says "Nicio schimbare".
public enum ComparisonXLSX {
    public static let sheet = "Schimbări"
    /// Row (0-based) of the table header; the data starts right below.
    public static let headerRow: UInt32 = 2
    /// Widths in Excel character units, in the order of `ComparisonCSV.columns`.
    static let widths: [Double] = [7, 12, 36, 16, 14, 12, 16, 14, 12, 60]

    public static func write(_ c: EditionComparison, to path: String) throws {
        try CentralizerXLSX.writeWorkbook(to: path) { workbook in
            let span = "\(Bucharest.wallClock(c.from)) → \(Bucharest.wallClock(c.to))"
            CentralizerXLSX.setProperties(workbook,
                                          title: "Schimbări în tabelul centralizator \(c.houseShortName), luna \(c.luna), \(span)",
                                          subject: "Schimbările stadiului procesării între două ediții ale tabelului centralizator",
                                          author: c.houseFullName)
            let f = CentralizerXLSX.makeFormats(workbook)
            guard let ws = workbook_add_worksheet(workbook, sheet) else {
                throw CentralizerXLSXError("nu pot adăuga foaia de calcul")
            }
            try writeSheet(c, ws, f)
            CentralizerXLSX.printSetup(ws, repeatRow: headerRow, left: c.houseShortName,
                                       centre: "Schimbări – \(Edition.monthName(c.luna))", right: span)
        }
    }

    private static func writeSheet(_ c: EditionComparison, _ ws: CentralizerXLSX.Sheet, _ f: CentralizerXLSX.Formats) throws {
        let x = CentralizerXLSX.self
        let columns = ComparisonCSV.columns(c)
        for (i, w) in widths.enumerated() { try x.check(worksheet_set_column(ws, UInt16(i), UInt16(i), w, nil)) }
        try x.put(ws, 0, 0, "Ce s-a schimbat în tabelul centralizator – \(c.houseFullName) – luna \(Edition.monthName(c.luna))", f.title)
        try x.put(ws, 1, 0, "Ediția din \(Bucharest.wallClock(c.from)) comparată cu situația la \(Bucharest.wallClock(c.to)) (ora României) · "
                    + ComparisonWording.total(c.changes.count), f.info)
        for (i, title) in columns.enumerated() { try x.put(ws, headerRow, UInt16(i), title, f.header) }

        /// A side's stage (coloured), certificates and errors, or blank cells for a provider not in that edition.
        func figures(_ e: EditionFigures?, _ row: UInt32, from col: UInt16) throws {
            guard let e else {
                for k in col...(col + 2) { try x.check(worksheet_write_blank(ws, row, k, f.empty)) }
                return
            }
            try x.put(ws, row, col, e.stage.rawValue, f.stage[e.stage] ?? f.text)
            try x.number(ws, row, col + 1, Double(e.nrCertificate), f.number)
            try x.number(ws, row, col + 2, Double(e.nrCertificateCuErori), f.number)
        }
        for (n, ch) in c.changes.enumerated() {
            let row = headerRow + 1 + UInt32(n)
            try x.number(ws, row, 0, Double(n + 1), f.number)
            try x.put(ws, row, 1, ch.cui, f.text)
            try x.put(ws, row, 2, ch.denumire, f.wrapped)
            try figures(ch.before, row, from: 3)
            try figures(ch.after, row, from: 6)
            try x.put(ws, row, 9, ComparisonWording.presence(ch, from: c.from) ?? "", f.wrapped)
        }
        if c.changes.isEmpty {
            try x.put(ws, headerRow + 1, 0, "Nicio schimbare între cele două ediții.", f.info)
        } else {
            let lastRow = headerRow + UInt32(c.changes.count)
            try x.check(worksheet_autofilter(ws, headerRow, 0, lastRow, UInt16(columns.count - 1)))
            // CUIs are identifiers, not numbers: no green triangles.
            _ = worksheet_ignore_errors(ws, x.u8(LXW_IGNORE_NUMBER_STORED_AS_TEXT.rawValue), "B\(headerRow + 2):B\(lastRow + 1)")
        }
        worksheet_freeze_panes(ws, headerRow + 1, 3)
    }
}
