/// RFC 4180 records with the line each starts on (a quoted field may span lines).
public enum CSVReader {
    public struct Record: Equatable { public var line: Int; public var fields: [String] }
    public struct Failure: Error, Equatable { public var line: Int; public var message: String }

    public static func parse(_ text: String, separator: Character = ",") throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var afterQuote = false
        var line = 1
        var recordLine = 1
        var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        if chars.last != "\n" { chars.append("\n") }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 }
                    else { inQuotes = false; afterQuote = true }
                } else {
                    if c == "\n" || c == "\r\n" || c == "\r" { line += 1 }
                    field.append(c)
                }
            } else if c == separator {
                fields.append(field); field = ""; afterQuote = false
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                fields.append(field); field = ""; afterQuote = false
                if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
                fields = []
                line += 1
                recordLine = line
            } else if c == "\"" && field.isEmpty && !afterQuote {
                inQuotes = true
            } else if afterQuote {
                throw Failure(line: line, message: "caracter după ghilimelele de închidere")
            } else {
                field.append(c)
            }
            i += 1
        }
        if inQuotes { throw Failure(line: recordLine, message: "ghilimele neînchise") }
        return records
    }
}
