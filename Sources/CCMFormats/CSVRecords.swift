import CCMCore
import CSV

/// RFC 4180 text (comma or another separator, a UTF-8 BOM dropped, CRLF, LF or a lone CR) read
/// with CSV.swift into `CSVRecord`s, each with the line it starts on; blank lines are skipped.
public enum CSVRecords {
    public struct Failure: Error, Equatable {
        public var line: Int
        public var message: String
        public init(line: Int, message: String) { self.line = line; self.message = message }
    }

    public static func parse(_ text: String, separator: Unicode.Scalar = ",") throws -> [CSVRecord] {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
        try checkQuotes(body, separator: separator)
        let reader: CSVReader
        do { reader = try CSVReader(string: body, delimiter: separator) } catch {
            throw Failure(line: 1, message: "fișierul nu poate fi citit ca CSV (\(error))")
        }
        var records: [CSVRecord] = []
        var line = 1
        while let fields = reader.next() {
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVRecord(line: line, fields: fields)) }
            line += 1 + fields.reduce(0) { $0 + lineBreaks($1) }
        }
        return records
    }

    /// CSV.swift reads a quote never closed, or text after a closing quote, into a field without a
    /// word (the rest of the file becomes one value); the registry refuses both, naming the line.
    static func checkQuotes(_ text: String, separator: Unicode.Scalar) throws {
        var line = 1, recordLine = 1
        var quoted = false, justClosed = false, fieldStart = true, afterCR = false
        for s in text.unicodeScalars {
            let breaksLine = s == "\r" || (s == "\n" && !afterCR)
            afterCR = s == "\r"
            if quoted {
                if s == "\"" { quoted = false; justClosed = true }
                if breaksLine { line += 1 }
                continue
            }
            if justClosed {
                justClosed = false
                if s == "\"" { quoted = true; continue }   // a doubled quote inside the field
                guard s == separator || s == "\r" || s == "\n" else {
                    throw Failure(line: line, message: "caracter după ghilimelele de închidere")
                }
            }
            if s == "\"" && fieldStart { quoted = true; fieldStart = false; continue }
            fieldStart = s == separator || s == "\r" || s == "\n"
            if breaksLine { line += 1; recordLine = line }
        }
        if quoted { throw Failure(line: recordLine, message: "ghilimele neînchise") }
    }

    /// Line breaks kept inside a quoted field: CRLF, LF and a lone CR count one each.
    static func lineBreaks(_ field: String) -> Int {
        var count = 0, afterCR = false
        for s in field.unicodeScalars {
            if s == "\r" || (s == "\n" && !afterCR) { count += 1 }
            afterCR = s == "\r"
        }
        return count
    }
}
