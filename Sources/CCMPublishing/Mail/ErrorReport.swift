import CCMCore
import CCMSignature
import Foundation

/// The e-mail a provider gets about a month (`04-outputs.md` §2): what is wrong and what to do,
/// written for its case. Its digest (of the facts, not of the wording) decides whether it was
/// already sent.
public struct ErrorReport {
    public var provider: Provider
    public var luna: YearMonth
    public var stage: Stage
    /// The month's failing current certificates, one line per error.
    public var errors: [CertificateErrorLine]
    /// The refused files not superseded by a later registered report (the centralizer's, `superseded` false).
    public var refusals: [RefusedFile]
    public var house: HealthInsuranceHouse
    /// How the provider reaches the CAS (configuration), nil when not configured.
    public var contact: String?
    /// When the report is written: says whether a deadline is still ahead.
    public var now: Date

    public init(provider: Provider, luna: YearMonth, stage: Stage, errors: [CertificateErrorLine],
                refusals: [RefusedFile], house: HealthInsuranceHouse, contact: String? = nil, now: Date = Date()) {
        self.provider = provider; self.luna = luna; self.stage = stage; self.errors = errors; self.refusals = refusals
        self.house = house; self.contact = contact; self.now = now
    }

    /// What the provider has to do, which decides the whole text.
    public enum Case: String {
        /// No registered INITIALA and every file received was refused: the initial report again, corrected.
        case refusedInitial
        /// No registered INITIALA and nothing received by the deadline.
        case noReport
        /// A registered INITIALA: failing certificates and/or files refused since the last registration.
        case registered
    }

    public var reportCase: Case {
        guard stage == .faraRaportare else { return .registered }
        return refusals.isEmpty ? .noReport : .refusedInitial
    }

    var monthName: String { Edition.monthName(luna) }

    /// Distinct failing certificates, in report order.
    var failingCertificates: Int { Set(errors.map { "\($0.serie) \($0.numar)" }).count }

    /// `CAS Timiș – concedii medicale, luna octombrie 2026: CU ERORI (3 certificate; 1 fișier respins)`.
    public var subject: String {
        var detail: [String] = []
        switch reportCase {
        case .noReport: detail = ["nicio raportare primită"]
        case .refusedInitial: detail = ["raportare respinsă"]
        case .registered:
            if !errors.isEmpty { detail.append(RomanianCount.of(failingCertificates, "certificat", "certificate")) }
            if !refusals.isEmpty { detail.append(RomanianCount.of(refusals.count, "fișier respins", "fișiere respinse")) }
        }
        let what = stage.rawValue + (detail.isEmpty ? "" : " (" + detail.joined(separator: "; ") + ")")
        return "\(house.shortName) – concedii medicale, luna \(monthName): \(what)"
    }

    /// The day by which a rectificative reaches the centralizer republished at the end of the next month.
    public static func rectificationDay(_ luna: YearMonth) -> LocalDate { luna.next.lastDay }

    var attachmentName: String { "erori-\(provider.cui)-\(luna).csv" }
    var hasAttachment: Bool { !errors.isEmpty || !refusals.isEmpty }

    /// The body as blocks, rendered once as text and once as HTML: both parts say the same.
    var blocks: [MailBlock] {
        var b: [MailBlock] = [.paragraph("Furnizor: \(provider.denumire) (CUI \(provider.cui))"), .paragraph("Bună ziua,")]
        switch reportCase {
        case .noReport: b += noReport
        case .refusedInitial: b += refusedInitial
        case .registered: b += (errors.isEmpty ? [.paragraph("\(reporting) este înregistrată și validată.")] : withErrors) + refusedSince
        }
        if hasAttachment { b.append(.paragraph("Lista erorilor este atașată și în format CSV (\(attachmentName)).")) }
        if let contact { b.append(.paragraph("Pentru întrebări: \(contact)")) }
        b.append(.paragraph("Cu stimă,\n\(house.fullName)"))
        return b
    }

    var reporting: String { "Raportarea certificatelor de concediu medical pentru luna \(monthName)" }
    var deadline: String { W01LateReport.deadlineDay(luna).romanian }
    static let notRectificative = "Nu trimiteți o raportare rectificativă: fără o raportare inițială înregistrată, ar fi respinsă (F11)."

    var noReport: [MailBlock] {
        [.paragraph("Până la termenul legal, \(deadline), nu am primit nicio raportare a certificatelor de concediu medical pentru luna \(monthName)."),
         .paragraph("Ce aveți de făcut: transmiteți cât mai curând raportarea inițială (tip=\"INITIALA\") pentru luna \(monthName), "
            + "cu toate certificatele de concediu medical eliberate în lună, semnată electronic. "
            + "Primită după termen, ea se înregistrează cu avertismentul W01. " + ErrorReport.notRectificative)]
    }

    /// Nothing registered, every file refused: the initial report (again, if one was sent), never a rectificative.
    var refusedInitial: [MailBlock] {
        let n = refusals.count
        let again = refusals.contains { $0.tip != "RECTIFICATIVA" }
        var todo = "Ce aveți de făcut: " + (again ? "corectați și transmiteți din nou" : "transmiteți")
            + " raportarea inițială (tip=\"INITIALA\") pentru luna \(monthName), cu toate certificatele lunii, semnată electronic. " + ErrorReport.notRectificative
        if refusals.contains(where: { $0.tip == "RECTIFICATIVA" }) {
            todo += " Certificatele din rectificativa respinsă se trimit în raportarea inițială, fără atributul operatie."
        }
        return [.paragraph("\(reporting) nu este înregistrată: "
                    + (n == 1 ? "fișierul primit a fost respins:" : "cele \(RomanianCount.of(n, "fișier primit", "fișiere primite")) au fost respinse:")),
                .list(refusals.map(refusalItem)),
                .paragraph(todo),
                .paragraph(now > W01LateReport.deadline(luna)
                    ? "Termenul legal a fost \(deadline): primită după termen, raportarea inițială se înregistrează cu avertismentul W01."
                    : "Termenul legal de raportare este \(deadline).")]
    }

    /// Registered with failing certificates: a rectificative, and by when it reaches the republished table.
    var withErrors: [MailBlock] {
        let n = failingCertificates
        let day = ErrorReport.rectificationDay(luna), republished = Edition.monthName(luna.next)
        return [.paragraph("\(reporting) este înregistrată, dar \(RomanianCount.of(n, "certificat", "certificate")) \(RomanianCount.pick(n, "are", "au")) erori:"),
                .list(certificateItems),
                .paragraph("Ce aveți de făcut: " + (n == 1 ? "corectați certificatul" : "corectați certificatele")
                    + " și transmiteți o raportare rectificativă (tip=\"RECTIFICATIVA\") pentru luna \(monthName), semnată electronic, "
                    + "cu operatie=\"MODIFICARE\" pentru un certificat corectat, operatie=\"STERGERE\" pentru unul raportat din greșeală "
                    + "și operatie=\"ADAUGARE\" pentru unul omis. Corectați și exemplarele pe hârtie, cu semnătura și parafa medicului pe modificare. "
                    + "Nu retransmiteți raportarea inițială: ar fi respinsă (F10)."),
                .paragraph(now > Bucharest.instant(day, hour: 23, minute: 59, second: 59)
                    ? "Termenul pentru centralizatorul reafișat la sfârșitul lunii \(republished) (\(day.romanian)) a trecut: transmiteți rectificativa cât mai curând."
                    : "Rectificativele primite până la \(day.romanian) apar în centralizatorul reafișat la sfârșitul lunii \(republished).")]
    }

    /// Files refused after the last registration: they changed nothing; the corrections go as a rectificative.
    var refusedSince: [MailBlock] {
        let n = refusals.count
        guard n > 0 else { return [] }
        return [.paragraph("După ultima raportare înregistrată, " + (n == 1 ? "un fișier a fost respins:" : "\(RomanianCount.of(n, "fișier", "fișiere")) au fost respinse:")),
                .list(refusals.map(refusalItem)),
                .paragraph((n == 1 ? "Fișierul respins nu a modificat nimic" : "Fișierele respinse nu au modificat nimic")
                    + ": datele înregistrate rămân valabile până la primirea unei rectificative corecte. "
                    + "Corecturile se transmit printr-o raportare rectificativă (tip=\"RECTIFICATIVA\"), corectată după motivele de mai sus; "
                    + "o a doua raportare inițială ar fi respinsă (F10).")]
    }

    /// One item per failing certificate: `SERIE NUMAR` and its errors.
    var certificateItems: [MailBlock.Item] {
        var order: [String] = [], byCert: [String: [String]] = [:]
        for e in errors {
            let key = "\(e.serie) \(e.numar)"
            if byCert[key] == nil { order.append(key) }
            byCert[key, default: []].append("\(e.code) \(e.message)")
        }
        return order.map { MailBlock.Item(head: $0, details: byCert[$0] ?? [], inline: true) }
    }

    func refusalItem(_ r: RefusedFile) -> MailBlock.Item {
        var head = r.fileName
        if let at = r.receivedAt { head += ", primit la \(Bucharest.wallClock(at))" }
        if let tip = r.tip { head += ", tip=\"\(tip)\"" }
        return MailBlock.Item(head: head, details: r.reasons.map(ErrorReport.describe), inline: false)
    }

    /// `F12 mesaj (certificatul X, linia 3)`, `F08 mesaj (linia 3, coloana 7)`: where the reason
    /// was found, unless its message says so already.
    static func describe(_ reason: FileReason) -> String {
        let text = "\(reason.code) \(reason.message)"
        guard let line = reason.line, !reason.message.contains("linia \(line)") else { return text }
        let place = "linia \(line)" + (reason.column.map { ", coloana \($0)" } ?? "")
        return text.hasSuffix(")") ? String(text.dropLast()) + ", " + place + ")" : text + " (" + place + ")"
    }

    public var text: String { MailBlock.text(blocks) }

    public var html: String {
        "<!DOCTYPE html><html lang=\"ro\"><head><meta charset=\"utf-8\"><title>\(CentralizerHTML.esc(subject))</title></head><body>"
            + MailBlock.html(blocks) + "</body></html>"
    }

    /// The errors as CSV (UTF-8 with BOM, `;`): one row per certificate error, then one per reason
    /// of a refused file, which names the file and its receipt.
    public var csv: Data {
        var out = CSVCell.byteOrderMark
            + CSVCell.line(["Serie", "Număr", "Fișier", "Primit la", "Cod", "Mesaj", "Linia", "Coloana"].map(CSVCell.text))
        for e in errors {
            out += CSVCell.line([.text(e.serie), .text(e.numar), .text(""), .text(""), .text(e.code), .text(e.message), .text(""), .text("")])
        }
        for r in refusals {
            let at = r.receivedAt.map(Bucharest.wallClock) ?? ""
            for reason in r.reasons {
                out += CSVCell.line([.text(""), .text(""), .text(r.fileName), .text(at), .text(reason.code), .text(reason.message),
                                     reason.line.map(CSVCell.number) ?? .text(""), reason.column.map(CSVCell.number) ?? .text("")])
            }
        }
        return Data(out.utf8)
    }

    /// What decides "already sent": the facts the provider is told (its case, each failing
    /// certificate's codes, each refused file's receipt and codes), never the wording, the
    /// deadline's tense or the contact, so a new text for the same facts is not sent again.
    public var digest: String {
        var h = Hasher256()
        h.update("ccm-raport-erori-2"); h.update(stage.rawValue); h.update(reportCase.rawValue)
        for e in errors { h.update("C"); h.update(e.serie); h.update(e.numar); h.update(e.code) }
        for r in refusals {
            h.update("F"); h.update(r.fileName); h.update(r.receivedAt.map { String($0.timeIntervalSince1970) } ?? ""); h.update(r.tip ?? "")
            for reason in r.reasons { h.update(reason.code); h.update(reason.line.map(String.init) ?? ""); h.update(reason.column.map(String.init) ?? "") }
        }
        return h.hex
    }

    /// The sender's display name: the configured one, else the house's short name.
    public func message(from: Mailbox, fromName: String?, to: Mailbox) -> MIMEMessage {
        MIMEMessage(from: from, fromName: fromName ?? house.shortName, to: to, subject: subject, text: text, html: html,
                    attachments: hasAttachment ? [.init(name: attachmentName, contentType: "text/csv; charset=UTF-8", data: csv)] : [])
    }
}

/// SHA-256 through OpenSSL, for digests of text.
struct Hasher256 {
    var data = Data()
    mutating func update(_ s: String) { data.append(Data(s.utf8)); data.append(0) }
    var hex: String { Digest.sha256Hex(data) }
}
