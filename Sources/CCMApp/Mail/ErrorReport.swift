import CCMCore
import CCMStore
import CCMSignature
import Foundation

/// The e-mail a provider gets about a month (`04-outputs.md` §2): what is wrong and what to do.
/// Its digest (of the content, not of the envelope) decides whether it was already sent.
public struct ErrorReport {
    public var provider: Provider
    public var luna: YearMonth
    public var stage: Stage
    public var errors: [CertificateErrorLine]
    public var refusals: [NotificationStore.Refusal]
    public var casa: String

    static let months = ["ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august",
                         "septembrie", "octombrie", "noiembrie", "decembrie"]
    var monthName: String { "\(ErrorReport.months[luna.month - 1]) \(luna.year)" }

    public var subject: String { "CAS \(casa) – raportarea certificatelor de concediu medical, luna \(monthName): \(stage.rawValue)" }

    public var text: String {
        var t = "Stimate furnizor \(provider.denumire) (CUI \(provider.cui)),\n\n"
        switch stage {
        case .cuErori:
            t += "Raportarea certificatelor de concediu medical pentru luna \(monthName) a fost înregistrată, dar \(Set(errors.map { "\($0.serie) \($0.numar)" }).count) certificate au erori:\n\n"
            for line in grouped { t += "  \(line)\n" }
        case .faraRaportare:
            t += "Pentru luna \(monthName) nu avem înregistrată nicio raportare inițială validă. Termenul legal a fost \(W01LateReport.deadlineDay(luna).romanian).\n"
        case .validat:
            t += "Raportarea pentru luna \(monthName) este validată.\n"
        }
        if !refusals.isEmpty {
            t += "\nFișiere respinse:\n"
            for r in refusals {
                t += "  \(r.file)" + (r.receivedAt.map { " (primit \(Bucharest.wallClock($0)))" } ?? "") + ":\n"
                for reason in r.reasons { t += "    \(reason)\n" }
            }
        }
        t += "\nCorecturile certificatelor se transmit printr-o raportare rectificativă (tip=\"RECTIFICATIVA\", "
        t += "cu operatie ADAUGARE, MODIFICARE sau STERGERE), semnată electronic. Un fișier respins se retransmite corectat. "
        t += "Lista erorilor este atașată și în format CSV.\n\nCasa de Asigurări de Sănătate \(casa)\n"
        return t
    }

    var grouped: [String] { CertificateErrorLine.describe(errors) }

    public var html: String {
        let esc = CentralizerHTML.esc
        var h = "<!DOCTYPE html><html lang=\"ro\"><head><meta charset=\"utf-8\"><title>\(esc(subject))</title></head><body>"
        h += "<p>Stimate furnizor <strong>\(esc(provider.denumire))</strong> (CUI \(provider.cui)),</p>"
        switch stage {
        case .cuErori:
            h += "<p>Raportarea pentru luna \(monthName) a fost înregistrată, dar următoarele certificate au erori:</p>"
            h += "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><thead><tr><th scope=\"col\">Serie</th><th scope=\"col\">Număr</th>"
            h += "<th scope=\"col\">Cod</th><th scope=\"col\">Mesaj</th></tr></thead><tbody>"
            for e in errors { h += "<tr><td>\(esc(e.serie))</td><td>\(esc(e.numar))</td><td>\(esc(e.code))</td><td>\(esc(e.message))</td></tr>" }
            h += "</tbody></table>"
        case .faraRaportare:
            h += "<p>Pentru luna \(monthName) nu avem înregistrată nicio raportare inițială validă. Termenul legal a fost \(W01LateReport.deadlineDay(luna).romanian).</p>"
        case .validat:
            h += "<p>Raportarea pentru luna \(monthName) este validată.</p>"
        }
        if !refusals.isEmpty {
            h += "<h2>Fișiere respinse</h2><ul>"
            for r in refusals {
                h += "<li>\(esc(r.file))" + (r.receivedAt.map { " (primit \(esc(Bucharest.wallClock($0))))" } ?? "")
                    + "<ul>" + r.reasons.map { "<li>\(esc($0))</li>" }.joined() + "</ul></li>"
            }
            h += "</ul>"
        }
        h += "<p>Corecturile certificatelor se transmit printr-o raportare rectificativă, semnată electronic. "
        h += "Un fișier respins se retransmite corectat. Lista erorilor este atașată în format CSV.</p>"
        h += "<p>Casa de Asigurări de Sănătate \(casa)</p></body></html>"
        return h
    }

    /// The errors as CSV (UTF-8 with BOM, `;`), one row per error or refusal reason.
    public var csv: Data {
        var out = CSVCell.byteOrderMark + CSVCell.line(["Serie", "Numar", "Cod", "Mesaj"].map(CSVCell.text))
        for e in errors { out += CSVCell.line([e.serie, e.numar, e.code, e.message].map(CSVCell.text)) }
        for r in refusals {
            for reason in r.reasons {
                let code = String(reason.prefix(3))
                out += CSVCell.line(["", "", code, r.file + ": " + String(reason.dropFirst(4))].map(CSVCell.text))
            }
        }
        return Data(out.utf8)
    }

    /// What decides "already sent": the content, not the date or message id.
    public var digest: String {
        var h = Hasher256()
        h.update(subject); h.update(text); h.update(String(decoding: csv, as: UTF8.self))
        return h.hex
    }

    public func message(from: Mailbox, to: Mailbox) -> MIMEMessage {
        MIMEMessage(from: from, to: to, subject: subject, text: text, html: html,
                    attachments: [.init(name: "erori-\(provider.cui)-\(luna).csv", contentType: "text/csv; charset=UTF-8", data: csv)])
    }
}

/// SHA-256 through OpenSSL, for digests of text.
struct Hasher256 {
    var data = Data()
    mutating func update(_ s: String) { data.append(Data(s.utf8)); data.append(0) }
    var hex: String { Digest.sha256Hex(data) }
}
