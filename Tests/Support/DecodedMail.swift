import Foundation

/// A message as `ccm notify` wrote or sent it, read back as a mail client would: headers
/// unfolded and their encoded words decoded, each base64 part decoded by its type.
public struct DecodedMail: Sendable {
    public var headers: [String: String] = [:]
    public var text = "", html = ""
    /// Attachments by file name.
    public var attachments: [String: String] = [:]

    public init(_ raw: String) {
        let mail = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let head = mail.components(separatedBy: "\n\n").first ?? ""
        var unfolded: [String] = []
        for line in head.components(separatedBy: "\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !unfolded.isEmpty { unfolded[unfolded.count - 1] += line.trimmingCharacters(in: .whitespaces) }
            else { unfolded.append(line) }
        }
        for line in unfolded {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[String(line[..<colon])] = DecodedMail.decodeWords(String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        for chunk in mail.components(separatedBy: "\n--").dropFirst() {
            let parts = chunk.components(separatedBy: "\n\n")
            guard parts.count >= 2, parts[0].contains("Content-Transfer-Encoding: base64") else { continue }
            let body = Data(base64Encoded: parts[1].replacingOccurrences(of: "\n", with: ""), options: .ignoreUnknownCharacters)
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
            if let r = parts[0].range(of: "filename=\"") {
                attachments[String(parts[0][r.upperBound...].prefix { $0 != "\"" })] = body
            } else if parts[0].contains("text/plain") { text = body }
            else if parts[0].contains("text/html") { html = body }
        }
    }

    public var subject: String { headers["Subject"] ?? "" }
    public var from: String { headers["From"] ?? "" }
    /// Every part a person can read.
    public var readable: [String] { [subject, from, text, html] + attachments.values.sorted() }

    /// `=?UTF-8?B?…?=` words, adjacent ones joined (RFC 2047 §6.2).
    public static func decodeWords(_ s: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: "=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=(\\s*(?==\\?UTF-8\\?B\\?))?") else { return s }
        var out = s
        for m in regex.matches(in: s, range: NSRange(s.startIndex..., in: s)).reversed() {
            guard let whole = Range(m.range, in: s), let b64 = Range(m.range(at: 1), in: s),
                  let data = Data(base64Encoded: String(s[b64])) else { continue }
            out.replaceSubrange(whole, with: String(decoding: data, as: UTF8.self))
        }
        return out
    }

    /// The `.eml` files a dry run wrote, by CUI (`CUI-luna.eml`).
    public static func folder(_ dir: URL) throws -> [String: DecodedMail] {
        var out: [String: DecodedMail] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".eml") {
            out[String(name.prefix { $0 != "-" })] = DecodedMail(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8))
        }
        return out
    }
}
