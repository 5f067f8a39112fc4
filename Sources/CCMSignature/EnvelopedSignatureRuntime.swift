import CXMLSec
import Foundation

/// libxml2 + xmlsec + xmlsec-openssl, initialised once per process (a `static let` is
/// initialised lazily and exactly once, whatever the number of threads asking).
///
/// Nothing global of libxml2 is touched beyond `xmlInitParser` (no entity loader, no
/// `xmlSubstituteEntitiesDefault`, no `xmlLoadExtDtdDefaultValue`): the verifier loads no
/// external resource, and another module owns the entity loader.
enum EnvelopedSignatureRuntime {
    /// nil when ready; otherwise why the library cannot be used (returned as a refusal).
    static let failure: String? = initialise()

    private static func initialise() -> String? {
        xmlInitParser()
        // xmlsec writes its errors to stderr by default; they go to the per-thread log instead.
        xmlSecErrorsSetCallback(envelopedSignatureXMLSecErrorCallback)
        let log = EnvelopedSignatureErrorLog()
        return log.collecting {
            let compiled = "\(XMLSEC_VERSION_MAJOR).\(XMLSEC_VERSION_MINOR).\(XMLSEC_VERSION_SUBMINOR)"
            let check = xmlSecCheckVersionExt(XMLSEC_VERSION_MAJOR, XMLSEC_VERSION_MINOR, XMLSEC_VERSION_SUBMINOR,
                                              xmlSecCheckVersionABICompatible)
            guard check == 1 else {
                return "biblioteca xmlsec încărcată nu este compatibilă (ABI) cu versiunea \(compiled) cu care a fost compilat ccm" + log.suffix
            }
            guard xmlSecInit() >= 0 else {
                return "biblioteca xmlsec nu a putut fi inițializată" + log.suffix
            }
            // Initialisation puts the default (stderr) callback back (xmlSecOpenSSLInit does):
            // ours is set again after each step.
            xmlSecErrorsSetCallback(envelopedSignatureXMLSecErrorCallback)
            guard xmlSecOpenSSLAppInit(nil) >= 0 else {
                return "biblioteca xmlsec-openssl nu a putut fi inițializată (xmlSecOpenSSLAppInit)" + log.suffix
            }
            guard xmlSecOpenSSLInit() >= 0 else {
                return "biblioteca xmlsec-openssl nu a putut fi inițializată (xmlSecOpenSSLInit)" + log.suffix
            }
            xmlSecErrorsSetCallback(envelopedSignatureXMLSecErrorCallback)
            return nil
        }
    }
}

/// xmlsec's error reports for the verification running on this thread (xmlsec's error
/// callback is process-wide and carries no context, so the log is found by thread).
final class EnvelopedSignatureErrorLog {
    private(set) var messages: [String] = []
    private let limit = 16

    func add(_ message: String) {
        if messages.count < limit, !messages.contains(message) { messages.append(message) }
    }

    /// The first few reports, to append to a refusal: " (xmlsec: …)".
    var suffix: String {
        guard !messages.isEmpty else { return "" }
        return " (xmlsec: " + messages.prefix(3).joined(separator: "; ") + ")"
    }

    /// Runs `body` with this log receiving xmlsec's errors on the current thread.
    func collecting<T>(_ body: () -> T) -> T {
        let key = EnvelopedSignatureErrorLog.key
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(key, previous) }
        return withExtendedLifetime(self) { body() }
    }

    static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    static var current: EnvelopedSignatureErrorLog? {
        guard let p = pthread_getspecific(key) else { return nil }
        return Unmanaged<EnvelopedSignatureErrorLog>.fromOpaque(p).takeUnretainedValue()
    }
}

private let envelopedSignatureXMLSecErrorCallback: xmlSecErrorsCallback = { _, _, function, object, subject, reason, message in
    guard let log = EnvelopedSignatureErrorLog.current else { return }
    var parts: [String] = []
    if let subject { parts.append(String(cString: subject)) }
    if let message {
        let m = String(cString: message)
        if !m.isEmpty, m != " " { parts.append(m) }
    }
    if parts.isEmpty, let function { parts.append(String(cString: function)) }
    _ = object; _ = reason
    log.add(parts.joined(separator: ": "))
}
