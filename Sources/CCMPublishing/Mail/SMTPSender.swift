import CCurl
import Foundation

/// Delivers a message over SMTP with libcurl: STARTTLS when the server offers it (smtp://),
/// TLS from the start (smtps://), credentials from CCM_SMTP_USER / CCM_SMTP_PASSWORD.
public struct SMTPSender {
    public var url: String
    public var user: String?
    public var password: String?

    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.url = url
        self.user = environment["CCM_SMTP_USER"]
        self.password = environment["CCM_SMTP_PASSWORD"]
    }

    private static let initialised: Bool = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK }()

    final class Payload { let bytes: [UInt8]; var offset = 0; init(_ s: String) { bytes = Array(s.utf8) } }

    /// Why a message was not delivered: in Romanian with libcurl's text after it; and whether the
    /// server itself could not be reached, so that the next message would fare no better.
    public struct Failure: Error, Equatable {
        public var reason: String
        public var serverUnreachable: Bool
    }

    /// nil on success, else why it failed (the message is then kept for the next run). The
    /// envelope is the message's own mailboxes: one RCPT.
    public func send(_ m: MIMEMessage) -> Failure? {
        guard SMTPSender.initialised, let curl = curl_easy_init() else {
            return Failure(reason: "libcurl nu poate fi inițializat", serverUnreachable: true)
        }
        defer { curl_easy_cleanup(curl) }
        let payload = Payload(m.rendered)
        let recipients = curl_slist_append(nil, "<\(m.to.address)>")
        defer { curl_slist_free_all(recipients) }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        _ = ccm_curl_set_pointer(curl, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = ccm_curl_set_string(curl, CURLOPT_URL, url)
        _ = ccm_curl_set_string(curl, CURLOPT_MAIL_FROM, "<\(m.from.address)>")
        _ = ccm_curl_set_pointer(curl, CURLOPT_MAIL_RCPT, recipients)
        _ = ccm_curl_set_long(curl, CURLOPT_UPLOAD, 1)
        _ = ccm_curl_set_long(curl, CURLOPT_USE_SSL, Int(CURLUSESSL_TRY.rawValue))
        _ = ccm_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT, 10)
        _ = ccm_curl_set_long(curl, CURLOPT_TIMEOUT, 60)
        if let user { _ = ccm_curl_set_string(curl, CURLOPT_USERNAME, user) }
        if let password { _ = ccm_curl_set_string(curl, CURLOPT_PASSWORD, password) }
        let ref = Unmanaged.passUnretained(payload).toOpaque()
        _ = ccm_curl_set_read(curl) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let p = Unmanaged<Payload>.fromOpaque(context).takeUnretainedValue()
            let n = min(size * count, p.bytes.count - p.offset)
            guard n > 0 else { return 0 }
            p.bytes.withUnsafeBufferPointer { src in
                guard let base = src.baseAddress else { return }
                buffer.withMemoryRebound(to: UInt8.self, capacity: n) { dst in dst.update(from: base + p.offset, count: n) }
            }
            p.offset += n
            return n
        }
        _ = ccm_curl_set_pointer(curl, CURLOPT_READDATA, ref)
        let rc = withExtendedLifetime(payload) { curl_easy_perform(curl) }
        guard rc != CURLE_OK else { return nil }
        // The server's words may be in it: one line, whatever they hold.
        let detail = String(String(cString: errorBuffer).unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
        let reason = SMTPSender.reason(rc, server: server) + " (" + (detail.isEmpty ? String(cString: curl_easy_strerror(rc)) : detail) + ")"
        return Failure(reason: reason, serverUnreachable: SMTPSender.unreachable.contains(rc.rawValue))
    }

    /// The server as the operator configured it, without any credentials in the URL.
    var server: String {
        guard let c = URLComponents(string: url), let host = c.host else { return "SMTP" }
        return host + (c.port.map { ":\($0)" } ?? "")
    }

    static let unreachable: Set<CURLcode.RawValue> = [CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_OPERATION_TIMEDOUT]
        .map(\.rawValue).reduce(into: []) { $0.insert($1) }

    static func reason(_ rc: CURLcode, server: String) -> String {
        switch rc {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_OPERATION_TIMEDOUT:
            return "serverul SMTP \(server) nu răspunde"
        case CURLE_LOGIN_DENIED:
            return "serverul SMTP \(server) a refuzat autentificarea"
        default:
            return "serverul SMTP \(server) a refuzat mesajul sau conexiunea s-a întrerupt"
        }
    }
}
