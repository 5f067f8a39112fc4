/// Reads furnizori.csv rows into providers, naming every bad row by its line.
public enum ProviderRows {
    public static let header = ["cui", "denumire", "casa", "nr_conventie", "conventie_de_la", "conventie_pana_la", "email", "tip"]

    public struct RowError: Equatable, Sendable {
        public var line: Int
        public var message: String
        public init(line: Int, message: String) { self.line = line; self.message = message }
    }

    public static func read(_ records: [CSVRecord]) -> (providers: [Provider], errors: [RowError]) {
        guard let head = records.first else { return ([], [RowError(line: 1, message: "fișier gol")]) }
        let index = Dictionary(head.fields.enumerated().map { ($1.trimmingSpaces, $0) }, uniquingKeysWith: { a, _ in a })
        var providers: [Provider] = []
        var errors: [RowError] = []
        var seen: [String: Int] = [:]
        for rec in records.dropFirst() {
            guard rec.fields.count == head.fields.count else {
                errors.append(RowError(line: rec.line, message: "are \(rec.fields.count) câmpuri în loc de \(head.fields.count)"))
                continue
            }
            func v(_ name: String) -> String { index[name].map { rec.fields[$0].trimmingSpaces } ?? "" }
            var problems: [String] = []
            let cui = CUI(v("cui"))
            if cui == nil { problems.append("cui \(ReflectedText.quoted(v("cui"))) nu are forma unui CUI") }
            else if cui?.hasValidControlDigit == false { problems.append("cui \(ReflectedText.quoted(v("cui"))) are cifra de control greșită") }
            let den = v("denumire")
            if den.isEmpty || den.count > 200 { problems.append("denumire lipsă sau mai lungă de 200 de caractere") }
            // Names are published: a line break or an escape sequence has no place in a table cell or a log line.
            if ReflectedText.hasControl(den) || ReflectedText.hasControl(v("nr_conventie")) {
                problems.append("denumire sau nr_conventie conține caractere de control (sfârșit de rând, tab, escape)")
            }
            if !CasaCode.all.contains(v("casa")) { problems.append("casa \(ReflectedText.quoted(v("casa"))) nu este un cod de județ") }
            let nr = v("nr_conventie")
            if nr.isEmpty || nr.count > 30 { problems.append("nr_conventie lipsă sau mai lung de 30 de caractere") }
            let from = LocalDate(v("conventie_de_la"))
            if from == nil { problems.append("conventie_de_la \(ReflectedText.quoted(v("conventie_de_la"))) nu este o dată AAAA-LL-ZZ") }
            var until: LocalDate?
            if !v("conventie_pana_la").isEmpty {
                until = LocalDate(v("conventie_pana_la"))
                if until == nil { problems.append("conventie_pana_la \(ReflectedText.quoted(v("conventie_pana_la"))) nu este o dată AAAA-LL-ZZ") }
            }
            if let f = from, let u = until, u < f { problems.append("conventie_pana_la este înainte de conventie_de_la") }
            let email = v("email")
            if !email.isEmpty, let p = Mailbox.problem(email) { problems.append(p.description) }
            let tip = ProviderType(rawValue: v("tip"))
            if tip == nil { problems.append("tip \(ReflectedText.quoted(v("tip"))) nu este unul din MF, AMB, SPITAL, ALTUL") }
            if let c = cui, let first = seen[c.digits] { problems.append("cui \(c.digits) apare deja pe linia \(first)") }
            if let c = cui, seen[c.digits] == nil { seen[c.digits] = rec.line }
            if !problems.isEmpty {
                errors.append(RowError(line: rec.line, message: problems.joined(separator: "; ")))
                continue
            }
            if let c = cui, let f = from, let t = tip {
                providers.append(Provider(cui: c.digits, denumire: RomanianText.commaBelow(den), casa: v("casa"),
                                          nrConventie: nr, conventieDeLa: f, conventiePanaLa: until,
                                          email: email.isEmpty ? nil : email, tip: t))
            }
        }
        return (providers, errors)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
