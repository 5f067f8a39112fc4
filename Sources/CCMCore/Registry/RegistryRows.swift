/// Reads medici.csv and carnete.csv rows, naming every bad row by its line (as ProviderRows).
public enum DoctorRows {
    public static let header = ["cui", "parafa", "nume", "activ_de_la", "activ_pana_la"]

    public static func read(_ records: [CSVRecord]) -> (doctors: [Doctor], errors: [ProviderRows.RowError]) {
        var out: [Doctor] = [], errors: [ProviderRows.RowError] = [], seen: [String: Int] = [:]
        for (rec, v) in RowFields.rows(records, header, &errors) {
            var problems: [String] = []
            let cui = RowFields.cui(v("cui"), &problems)
            let parafa = v("parafa")
            if parafa.count < 5 || parafa.count > 7 || !parafa.allSatisfy({ $0.isASCIIDigit || ("A"..."Z").contains($0) }) {
                problems.append("parafa \(ReflectedText.quoted(parafa)) nu are forma [A-Z0-9]{5,7}")
            }
            if v("nume").isEmpty { problems.append("nume lipsă") }
            let (from, until) = RowFields.period(v("activ_de_la"), v("activ_pana_la"), "activ_de_la", "activ_pana_la", &problems)
            if let c = cui {
                let key = c + "/" + parafa
                if let first = seen[key] { problems.append("cui și parafa apar deja pe linia \(first)") } else { seen[key] = rec.line }
            }
            if !problems.isEmpty { errors.append(.init(line: rec.line, message: problems.joined(separator: "; "))); continue }
            if let c = cui, let f = from {
                out.append(Doctor(cui: c, parafa: parafa, nume: RomanianText.commaBelow(v("nume")), from: f, until: until))
            }
        }
        return (out, errors)
    }
}

public enum PadRows {
    public static let header = ["cui", "serie", "numar_de_la", "numar_pana_la", "data_distribuirii"]

    public static func read(_ records: [CSVRecord]) -> (pads: [Pad], errors: [ProviderRows.RowError]) {
        var out: [Pad] = [], errors: [ProviderRows.RowError] = [], lines: [Int] = []
        for (rec, v) in RowFields.rows(records, header, &errors) {
            var problems: [String] = []
            let cui = RowFields.cui(v("cui"), &problems)
            let serie = v("serie")
            if !(2...8).contains(serie.count) || !serie.allSatisfy({ ("A"..."Z").contains($0) }) { problems.append("serie \(ReflectedText.quoted(serie)) nu are forma [A-Z]{2,8}") }
            let from = Int(v("numar_de_la")), to = Int(v("numar_pana_la"))
            if from == nil || to == nil || v("numar_de_la").count > 10 || v("numar_pana_la").count > 10 {
                problems.append("numar_de_la și numar_pana_la sunt numere de cel mult 10 cifre")
            } else if let f = from, let t = to, t < f { problems.append("numar_pana_la este mai mic decât numar_de_la") }
            let date = LocalDate(v("data_distribuirii"))
            if date == nil { problems.append("data_distribuirii \(ReflectedText.quoted(v("data_distribuirii"))) nu este o dată AAAA-LL-ZZ") }
            if !problems.isEmpty { errors.append(.init(line: rec.line, message: problems.joined(separator: "; "))); continue }
            if let c = cui, let f = from, let t = to, let d = date {
                out.append(Pad(cui: c, serie: serie, from: f, to: t, distributed: d))
                lines.append(rec.line)
            }
        }
        // Ranges of one series must not overlap.
        for i in out.indices {
            for j in out.indices where j > i && out[i].serie == out[j].serie && out[i].from <= out[j].to && out[j].from <= out[i].to {
                errors.append(.init(line: lines[j], message: "intervalul \(out[j].serie) \(out[j].from)–\(out[j].to) se suprapune cu cel de pe linia \(lines[i])"))
            }
        }
        return (out, errors.sorted { $0.line < $1.line })
    }
}

/// Shared pieces of the registry readers.
enum RowFields {
    static func rows(_ records: [CSVRecord], _ header: [String], _ errors: inout [ProviderRows.RowError])
        -> [(CSVRecord, (String) -> String)] {
        guard let head = records.first else { errors.append(.init(line: 1, message: "fișier gol")); return [] }
        let index = Dictionary(head.fields.enumerated().map { ($1.trimmingSpaces, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [(CSVRecord, (String) -> String)] = []
        for rec in records.dropFirst() {
            guard rec.fields.count == head.fields.count else {
                errors.append(.init(line: rec.line, message: "are \(rec.fields.count) câmpuri în loc de \(head.fields.count)"))
                continue
            }
            out.append((rec, { name in index[name].map { rec.fields[$0].trimmingSpaces } ?? "" }))
        }
        return out
    }

    static func cui(_ text: String, _ problems: inout [String]) -> String? {
        guard let c = CUI(text) else { problems.append("cui \(ReflectedText.quoted(text)) nu are forma unui CUI"); return nil }
        if !c.hasValidControlDigit { problems.append("cui \(text) are cifra de control greșită") }
        return c.digits
    }

    static func period(_ fromText: String, _ untilText: String, _ fromName: String, _ untilName: String,
                       _ problems: inout [String]) -> (LocalDate?, LocalDate?) {
        let from = LocalDate(fromText)
        if from == nil { problems.append("\(fromName) \(ReflectedText.quoted(fromText)) nu este o dată AAAA-LL-ZZ") }
        var until: LocalDate?
        if !untilText.isEmpty {
            until = LocalDate(untilText)
            if until == nil { problems.append("\(untilName) \(ReflectedText.quoted(untilText)) nu este o dată AAAA-LL-ZZ") }
        }
        if let f = from, let u = until, u < f { problems.append("\(untilName) este înainte de \(fromName)") }
        return (from, until)
    }
}

/// Reads semnatari.csv rows (`cui,cert_sha256,cnp,nume,email,rol,stare,de_la`).
public enum SignerRows {
    public static let header = ["cui", "cert_sha256", "cnp", "nume", "email", "rol", "stare", "de_la"]

    public struct Row: Equatable, Sendable {
        public var line: Int
        public var cui: String, sha256: String, cnp: String, nume: String, email: String?, rol: String, stare: String
        /// `de_la` as written: a date, a date-time with offset, or empty (the time of import).
        public var from: String
    }

    public static func read(_ records: [CSVRecord]) -> (rows: [Row], errors: [ProviderRows.RowError]) {
        var out: [Row] = [], errors: [ProviderRows.RowError] = []
        for (rec, v) in RowFields.rows(records, header, &errors) {
            var problems: [String] = []
            let cui = RowFields.cui(v("cui"), &problems)
            let sha = v("cert_sha256")
            if sha.count != 64 || !sha.allSatisfy({ $0.isASCIIDigit || ("a"..."f").contains($0) }) {
                problems.append("cert_sha256 trebuie să aibă 64 de cifre hexazecimale mici")
            }
            if !CNP.isValid(v("cnp")) { problems.append("cnp invalid") }
            if v("nume").isEmpty { problems.append("nume lipsă") }
            if !v("email").isEmpty, let p = Mailbox.problem(v("email")) { problems.append(p.description) }
            if !["REPREZENTANT_LEGAL", "UTILIZATOR"].contains(v("rol")) { problems.append("rol \(ReflectedText.quoted(v("rol"))) nu este REPREZENTANT_LEGAL sau UTILIZATOR") }
            if !["ACTIV", "IN_ASTEPTARE", "REVOCAT"].contains(v("stare")) { problems.append("stare \(ReflectedText.quoted(v("stare"))) nu este ACTIV, IN_ASTEPTARE sau REVOCAT") }
            let from = v("de_la")
            if !from.isEmpty && LocalDate(from) == nil && !(from.count >= 20 && from.contains("T")) {
                problems.append("de_la \(ReflectedText.quoted(from)) nu este o dată AAAA-LL-ZZ sau o dată-oră ISO 8601")
            }
            if !problems.isEmpty { errors.append(.init(line: rec.line, message: problems.joined(separator: "; "))); continue }
            if let c = cui {
                out.append(Row(line: rec.line, cui: c, sha256: sha, cnp: v("cnp"), nume: v("nume"),
                               email: v("email").isEmpty ? nil : v("email"), rol: v("rol"), stare: v("stare"), from: from))
            }
        }
        return (out, errors)
    }
}
