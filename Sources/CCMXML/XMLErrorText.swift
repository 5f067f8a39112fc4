import CLibXML2
import Foundation

/// One libxml2 error as the collector keeps it: its code and the parts a Romanian sentence
/// may use. libxml2's own text quotes the document's values; it is read here for the names
/// between its quotes, checked against the schema's vocabulary, and never shown.
struct XMLErrorReport {
    var domain: Int32
    var code: Int32
    var message: String
    var str1: String?
    var int1: Int32
}

/// Romanian details of F01 and F02 for libxml2's parser and schema errors, by error code:
/// where and what (the element or attribute as the format names it, what was expected),
/// never the value found.
enum XMLErrorText {
    /// `sawElement`: the document had begun; `cut`: the error came where the bytes ran out.
    static func parser(_ e: XMLErrorReport, vocabulary v: SchemaVocabulary, sawElement: Bool = true, cut: Bool = false) -> String {
        if !sawElement && (e.code == 4 || e.code == 5) {
            return "fișierul nu conține niciun element XML (este gol sau are doar spații)"
        }
        // An unclosed comment, PI or CDATA section says so even at the end; any other error there is a cut file.
        if cut && ![45, 47, 63].contains(e.code) {
            return "fișierul se termină înainte de sfârșitul documentului (pare trunchiat)"
        }
        if e.domain == Int32(XML_FROM_I18N.rawValue) || e.domain == Int32(XML_FROM_IO.rawValue) && e.code >= 1500 {
            return "octeți care nu sunt caractere valide în codificarea declarată a fișierului"
        }
        if e.domain == Int32(XML_FROM_NAMESPACE.rawValue) {
            return "un prefix de spațiu de nume (xmlns) este nedeclarat sau greșit"
        }
        let name = e.str1.flatMap { v.names.contains(local($0)) ? "„\(local($0))”" : nil }
        let element = name ?? "un element"
        switch e.code {
        case 4: return "fișierul este gol"
        case 3: return "fișierul nu începe cu un document XML"
        case 5, 86: return "după sfârșitul elementului rădăcină urmează alt conținut"
        case 6, 7, 8, 10...13: return "o referință de caracter (&#…;) nu este validă"
        case 9, 81, 87: return "octeți care nu sunt caractere valide în codificarea declarată a fișierului"
        case 14...30, 36, 37, 88...90, 104: return "o referință la o entitate (&…;) nu este permisă sau nu este încheiată"
        case 31, 32, 79, 101: return "codificarea declarată a fișierului nu este acceptată"
        case 33, 34, 43, 44: return "un text între ghilimele nu este deschis sau închis corect"
        case 35: return "o declarație de spațiu de nume (xmlns) este greșită"
        case 38: return "caracterul „<” nu este permis în valoarea unui atribut (scrieți &lt;)"
        case 41: return "atributul \(name ?? "") nu are o valoare pusă între ghilimele".replacingOccurrences(of: "  ", with: " ")
        case 39, 40, 84: return "valoarea unui atribut nu este pusă corect între ghilimele"
        case 42: return "atributul \(name ?? "") apare de două ori în același element".replacingOccurrences(of: "  ", with: " ")
        case 45, 80: return "un comentariu (<!-- … -->) nu este încheiat corect"
        case 46, 47: return "o instrucțiune de procesare (<? … ?>) nu este încheiată corect"
        case 62, 63: return "o secțiune CDATA nu este încheiată corect"
        case 48...55, 58...61, 82, 83, 94, 95, 105: return "declarațiile DTD nu sunt permise"
        case 56, 57, 64, 78, 96, 97, 103, 108, 109: return "declarația XML de la începutul fișierului (<?xml … ?>) este greșită"
        case 65, 66, 67, 68, 72, 73, 74, 75: return "marcaj XML greșit: lipsește un nume, un spațiu, „=”, „<” sau „>”"
        case 76:
            let opened = e.int1 > 0 ? " deschis la linia \(e.int1)" : ""
            return "eticheta de închidere nu corespunde elementului \(element)\(opened)"
        case 77:
            let opened = e.int1 > 0 ? " (deschis la linia \(e.int1))" : ""
            return "fișierul se termină înainte de închiderea elementului \(element)\(opened): pare trunchiat"
        case 85: return "elementele nu sunt închise în ordinea în care au fost deschise"
        case 110: return "un nume de element sau de atribut este prea lung"
        case 1, 2: return "documentul nu poate fi citit (eroare internă a cititorului XML)"
        default: return "documentul nu este un XML bine format (eroarea \(e.code))"
        }
    }

    static func schema(_ e: XMLErrorReport, vocabulary v: SchemaVocabulary) -> String {
        let m = e.message
        let (elementName, attributeName) = subject(m)
        let element = elementName.flatMap { v.names.contains($0) ? $0 : nil }
        let attribute = attributeName.flatMap { v.names.contains($0) ? $0 : nil }
        let field: String
        switch (element, attributeName, attribute) {
        case (let el?, nil, _): field = "elementului „\(el)”"
        case (let el?, _, let at?): field = "atributului „\(at)” al elementului „\(el)”"
        case (let el?, _, nil): field = "unui atribut al elementului „\(el)”"
        case (nil, nil, _): field = "unui element necunoscut"
        case (nil, _, _): field = "unui atribut"
        }
        let elementPhrase = element.map { "elementul „\($0)”" } ?? "un element necunoscut"
        let expected = expectedNames(m, v)

        switch e.code {
        case 1830, 1832:
            if let n = number(after: "maximum length of '", in: m) { return "valoarea \(field) are mai mult de \(n) caractere" }
            if let n = number(after: "length of '", in: m, last: true) { return "valoarea \(field) trebuie să aibă exact \(n) caractere" }
            return "valoarea \(field) nu are lungimea permisă"
        case 1831:
            let n = number(after: "minimum length of '", in: m) ?? "1"
            return "valoarea \(field) are mai puțin de \(n) caractere" + (n == "1" ? " (este goală)" : "")
        case 1833, 1835:
            let n = number(after: "minimum value allowed ('", in: m)
            return "valoarea \(field) este sub minimul permis" + (n.map { " (\($0))" } ?? "")
        case 1834, 1836:
            let n = number(after: "maximum value allowed ('", in: m)
            return "valoarea \(field) depășește maximul permis" + (n.map { " (\($0))" } ?? "")
        case 1840:
            if let allowed = enumeration(m, v) { return "valoarea \(field) nu este permisă; valori permise: \(allowed)" }
            return "valoarea \(field) nu este una dintre valorile permise" + described(element, attribute, v)
        case 1824...1826, 1829, 1837...1839:
            return "valoarea \(field) nu are forma cerută" + described(element, attribute, v)
        case 1874, 1848...1858:
            if let fixed = lastQuoted(m), v.values.contains(fixed) { return "valoarea \(field) trebuie să fie „\(fixed)”" }
            return "valoarea \(field) nu este cea cerută de format"
        case 1871, 1844, 1841...1843:
            if m.contains("Missing child element") {
                return "\(elementPhrase) nu este complet: lipsește un element" + expected
            }
            if m.contains("Character content") || m.contains("character") {
                return "\(elementPhrase) nu poate conține text, ci doar elemente"
            }
            return "\(elementPhrase) nu este permis în acest loc" + expected
        case 1866, 1867:
            return "\(elementPhrase) are un atribut care nu face parte din format"
                + (attribute.map { ": „\($0)”" } ?? "")
        case 1868:
            let missing = quoted(after: "The attribute '", in: m).flatMap { v.names.contains($0) ? $0 : nil }
            return "\(elementPhrase) nu are atributul obligatoriu" + (missing.map { " „\($0)”" } ?? "")
        case 1827, 1828:
            return "\(elementPhrase) nu poate avea " + (e.code == 1827 ? "atribute" : "elemente în interior")
        case 1845, 1872:
            return "elementul rădăcină trebuie să fie „RaportareCCM” în spațiul de nume \(SubmissionReader.namespace)"
        default:
            return "conținutul \(field) nu respectă schema (eroarea \(e.code))"
        }
    }

    // MARK: reading libxml2's message for schema names only

    /// "Element '{ns}Name'" and ", attribute 'attr'" at the head of a schema message.
    static func subject(_ m: String) -> (String?, String?) {
        guard let element = quoted(after: "Element '", in: m, atStart: true) else { return (nil, nil) }
        let rest = m.dropFirst("Element '".count + element.count + 1)
        let attribute = rest.hasPrefix(", attribute '") ? quoted(after: ", attribute '", in: String(rest), atStart: true) : nil
        return (local(element), attribute)
    }

    /// The names after libxml2's last "Expected is", those the schema declares.
    static func expectedNames(_ m: String, _ v: SchemaVocabulary) -> String {
        guard let r = m.range(of: "Expected is", options: .backwards) else { return "" }
        let list = m[r.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " .()"))
            .replacingOccurrences(of: "one of", with: "")
        let names = list.split(whereSeparator: { $0 == "," || $0 == "(" || $0 == ")" || $0 == " " })
            .map { local(String($0)) }.filter { v.names.contains($0) }
        guard !names.isEmpty else { return "" }
        var unique: [String] = []
        for n in names where !unique.contains(n) { unique.append(n) }
        return unique.count == 1 ? "; se aștepta „\(unique[0])”"
                                 : "; se aștepta unul dintre: " + unique.map { "„\($0)”" }.joined(separator: ", ")
    }

    /// The set after libxml2's last "set {": the schema's values follow the document's one.
    static func enumeration(_ m: String, _ v: SchemaVocabulary) -> String? {
        guard let r = m.range(of: "set {", options: .backwards), let end = m.range(of: "}", options: .backwards),
              r.upperBound <= end.lowerBound else { return nil }
        let items = m[r.upperBound..<end.lowerBound].split(separator: ",")
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '")) }
        guard !items.isEmpty, items.count <= 16, items.allSatisfy({ v.values.contains($0) }) else { return nil }
        return items.joined(separator: ", ")
    }

    static func quoted(after marker: String, in m: String, atStart: Bool = false) -> String? {
        guard let r = m.range(of: marker), !atStart || r.lowerBound == m.startIndex,
              let close = m[r.upperBound...].firstIndex(of: "'") else { return nil }
        return String(m[r.upperBound..<close])
    }

    static func lastQuoted(_ m: String) -> String? {
        guard let close = m.lastIndex(of: "'"), let open = m[..<close].lastIndex(of: "'") else { return nil }
        return String(m[m.index(after: open)..<close])
    }

    /// A number of the schema's facets, only digits, as libxml2 quotes it after `marker`.
    static func number(after marker: String, in m: String, last: Bool = false) -> String? {
        guard let r = m.range(of: marker, options: last ? .backwards : []),
              let close = m[r.upperBound...].firstIndex(of: "'") else { return nil }
        let n = m[r.upperBound..<close]
        return !n.isEmpty && n.count <= 9 && n.allSatisfy(\.isASCII) && n.allSatisfy(\.isNumber) ? String(n) : nil
    }

    static func local(_ name: String) -> String {
        name.lastIndex(of: "}").map { String(name[name.index(after: $0)...]) } ?? name
    }

    static func described(_ element: String?, _ attribute: String?, _ v: SchemaVocabulary) -> String {
        guard let element, let type = v.typeName(element: element, attribute: attribute),
              let text = expectation(type) else { return "" }
        return "; se așteaptă " + text
    }

    /// What a value of each of the format's types looks like, as a provider would write it.
    static func expectation(_ type: String) -> String? {
        if type.hasPrefix("String"), let n = Int(type.dropFirst(6)) {
            return "un text pe un singur rând, de cel mult \(n) caractere, fără spații la început sau la sfârșit"
        }
        switch type {
        case "Data": return "o dată calendaristică existentă, scrisă AAAA-LL-ZZ"
        case "CNP": return "exact 13 cifre"
        case "CUI": return "un CUI: 2–10 cifre, eventual precedate de RO"
        case "Luna": return "o lună scrisă AAAA-LL"
        case "UUID": return "un identificator UUID (8-4-4-4-12 caractere hexazecimale)"
        case "TextLine": return "un text pe un singur rând, fără spații la început sau la sfârșit"
        case "Motiv": return "un text de 1–500 de caractere"
        case "Email": return "o adresă de e-mail de forma nume@domeniu.ro"
        case "Serie": return "2–8 litere mari"
        case "Numar": return "1–10 cifre"
        case "Parafa": return "5–7 litere mari sau cifre"
        case "CodDiagnostic": return "un cod ICD-10 de forma A00 sau A00.0"
        case "Zile": return "un număr întreg de zile, între 1 și 366"
        case "dateTime": return "o dată și oră cu fus orar, de forma 2026-11-03T09:15:00+02:00"
        case "nonNegativeInteger": return "un număr întreg, 0 sau mai mare"
        case "positiveInteger": return "un număr întreg, 1 sau mai mare"
        case "int", "integer": return "un număr întreg"
        case "base64Binary": return "date codificate base64"
        default: return nil
        }
    }
}
