import CCMCore
import Foundation

/// A UTF-8 e-mail with a plain-text body, its HTML alternative and attachments (RFC 2045–2047).
public struct MIMEMessage {
    public struct Attachment { public var name: String; public var contentType: String; public var data: Data }

    /// Mailboxes, never free text: nothing else may reach the From and To headers.
    public var from: Mailbox
    /// The sender's display name ("CAS Timiș"): from the configuration, quoted or encoded, never raw.
    public var fromName: String?
    public var to: Mailbox
    public var subject: String
    public var text: String
    public var html: String
    public var attachments: [Attachment]
    public var date: Date
    public var messageID: String

    public init(from: Mailbox, fromName: String? = nil, to: Mailbox, subject: String, text: String, html: String, attachments: [Attachment],
                date: Date = Date(), messageID: String = "<\(UUID().uuidString.lowercased())@ccm>") {
        self.from = from; self.fromName = fromName; self.to = to; self.subject = subject; self.text = text; self.html = html
        self.attachments = attachments; self.date = date; self.messageID = messageID
    }

    /// An encoded-word (RFC 2047) when the header has anything beyond ASCII.
    public static func encodeHeader(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value > 126 || $0.value < 32 }) else { return s }
        return encodeWords(s)
    }

    /// Base64 encoded words, folded: one per short run of characters.
    static func encodeWords(_ s: String) -> String {
        // Short chunks so that no encoded word passes 75 characters; split on characters, not bytes.
        var words: [String] = [], chunk = ""
        for ch in s {
            if (chunk + String(ch)).utf8.count > 45 { words.append(chunk); chunk = "" }
            chunk.append(ch)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    /// `"CAS Timis" <a@b>` or `=?UTF-8?B?…?= <a@b>`: a display name as a quoted string when it is
    /// printable ASCII, else encoded words (RFC 5322 §3.4, RFC 2047 §5); without a name, the mailbox.
    public static func fromHeader(_ mailbox: Mailbox, name: String?) -> String {
        guard let name, !name.isEmpty else { return mailbox.address }
        let printable = name.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value <= 126 }
        let phrase = printable
            ? "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            : encodeWords(name)
        return phrase + " <\(mailbox.address)>"
    }

    static func base64Lines(_ data: Data) -> String {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    public var rendered: String {
        let mixed = "mixed-" + UUID().uuidString, alt = "alt-" + UUID().uuidString
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var out = [
            "From: \(MIMEMessage.fromHeader(from, name: fromName))", "To: \(to)", "Subject: \(MIMEMessage.encodeHeader(subject))", "Date: \(f.string(from: date))",
            "Message-ID: \(messageID)", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"\(mixed)\"", "",
            "--\(mixed)", "Content-Type: multipart/alternative; boundary=\"\(alt)\"", "",
            "--\(alt)", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "",
            MIMEMessage.base64Lines(Data(text.utf8)),
            "--\(alt)", "Content-Type: text/html; charset=UTF-8", "Content-Transfer-Encoding: base64", "",
            MIMEMessage.base64Lines(Data(html.utf8)),
            "--\(alt)--",
        ].joined(separator: "\r\n")
        for a in attachments {
            out += "\r\n" + [
                "--\(mixed)", "Content-Type: \(a.contentType); name=\"\(a.name)\"", "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=\"\(a.name)\"", "", MIMEMessage.base64Lines(a.data),
            ].joined(separator: "\r\n")
        }
        return out + "\r\n--\(mixed)--\r\n"
    }
}
