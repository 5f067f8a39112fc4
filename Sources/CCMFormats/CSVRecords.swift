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
        guard separator.isASCII else {
            try checkQuotes(body, separator: separator)
            return try byLibrary(body, separator: separator)
        }
        var records: [CSVRecord] = []
        let bytes = Array(body.utf8)
        for piece in try pieces(bytes, separator: UInt8(separator.value)) {
            let text = bytes[piece.range]
            let fields = piece.hasQuote
                ? quotedFields(text, separator: UInt8(separator.value))
                : text.split(separator: UInt8(separator.value), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVRecord(line: piece.line, fields: fields)) }
        }
        return records
    }

    /// A record holding a quote, split as CSV.swift splits it (`pieces` has refused what it would
    /// misread): a field that opens with a quote runs to its closing one, a doubled quote inside
    /// stands for one, line breaks inside are kept; a quote elsewhere is text. CSV.swift itself,
    /// asked per record, had cost a third of every run's start (the ICD-10 names hold commas).
    static func quotedFields(_ bytes: ArraySlice<UInt8>, separator: UInt8) -> [String] {
        let quote = UInt8(ascii: "\"")
        var fields: [String] = []
        var field: [UInt8] = []
        var i = bytes.startIndex
        var quoted = false, fieldStart = true
        while i < bytes.endIndex {
            let b = bytes[i]
            i += 1
            if quoted {
                guard b == quote else { field.append(b); continue }
                if i < bytes.endIndex && bytes[i] == quote { field.append(quote); i += 1 } else { quoted = false }
                continue
            }
            if b == separator {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldStart = true
                continue
            }
            if b == quote && fieldStart { quoted = true; fieldStart = false; continue }
            fieldStart = false
            field.append(b)
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }

    /// One record's bytes, the line it starts on, and whether it holds a quote.
    struct Piece {
        var range: Range<Int>
        var line: Int
        var hasQuote: Bool
    }

    /// The text cut at the line breaks outside quotes, refused where `checkQuotes` refuses it (the
    /// same walk, on bytes, in the same pass). CSV.swift builds every field a scalar at a time
    /// (most of a run's start went on the ICD-10 nomenclator), so with an ASCII separator it is
    /// only the tests' oracle: the records are the same as CSV.swift's of the whole text, and
    /// the refusals `checkQuotes`'s (`CSVRecordsTests`).
    static func pieces(_ bytes: [UInt8], separator: UInt8) throws -> [Piece] {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var out: [Piece] = []
        var i = 0, recordStart = 0, line = 1, recordLine = 1
        var quoted = false, justClosed = false, fieldStart = true, hasQuote = false
        func stepOverBreak() {
            i += bytes[i] == cr && i + 1 < bytes.count && bytes[i + 1] == lf ? 2 : 1
            line += 1
        }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == quote { quoted = false; justClosed = true }
                if b == cr || b == lf { stepOverBreak() } else { i += 1 }
                continue
            }
            if justClosed {
                justClosed = false
                if b == quote { quoted = true; i += 1; continue }   // a doubled quote inside the field
                guard b == separator || b == cr || b == lf else {
                    throw Failure(line: line, message: "caracter după ghilimelele de închidere")
                }
            }
            if b == cr || b == lf {
                out.append(Piece(range: recordStart..<i, line: recordLine, hasQuote: hasQuote))
                stepOverBreak()
                recordStart = i; recordLine = line; hasQuote = false; fieldStart = true
                continue
            }
            if b == quote {
                hasQuote = true
                if fieldStart { quoted = true }
            }
            fieldStart = b == separator
            i += 1
        }
        if quoted { throw Failure(line: recordLine, message: "ghilimele neînchise") }
        if recordStart < bytes.count { out.append(Piece(range: recordStart..<bytes.count, line: recordLine, hasQuote: hasQuote)) }
        return out
    }

    /// CSV.swift's records of a text, numbered from its first line.
    static func byLibrary(_ body: String, separator: Unicode.Scalar) throws -> [CSVRecord] {
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
    /// `pieces` walks the same way for an ASCII separator.
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
