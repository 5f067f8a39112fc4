import COpenSSL
import Foundation

/// Certificates and CRLs from a PEM (any number) or DER file, as `ccm trust add` loads them.
public enum TrustFile {
    public struct Item: Equatable, Sendable {
        public var isCRL: Bool
        public var der: Data
        public var sha256: String
        public var subject: String
    }

    public static func read(_ data: Data) -> [Item] {
        var items: [Item] = []
        let text = String(decoding: data, as: UTF8.self)
        if text.contains("-----BEGIN") {
            for block in pemBlocks(text) {
                let bytes = Data(block.utf8)
                if block.contains("X509 CRL"), let c = OpenSSL.crl(bytes) {
                    items.append(crlItem(c)); X509_CRL_free(c)
                } else if block.contains("CERTIFICATE"), let x = OpenSSL.certificate(bytes) {
                    items.append(certItem(x)); X509_free(x)
                }
            }
        } else if let x = OpenSSL.certificate(data) {
            items.append(certItem(x)); X509_free(x)
        } else if let c = OpenSSL.crl(data) {
            items.append(crlItem(c)); X509_CRL_free(c)
        }
        ERR_clear_error()
        return items
    }

    static func certItem(_ x: OpaquePointer) -> Item {
        let der = OpenSSL.der(x)
        return Item(isCRL: false, der: der, sha256: Digest.sha256Hex(der), subject: OpenSSL.name(X509_get_subject_name(x)))
    }

    static func crlItem(_ c: OpaquePointer) -> Item {
        let der = OpenSSL.crlDER(c)
        return Item(isCRL: true, der: der, sha256: Digest.sha256Hex(der), subject: "CRL " + OpenSSL.name(X509_CRL_get_issuer(c)))
    }

    static func pemBlocks(_ text: String) -> [String] {
        var blocks: [String] = [], current: [String]? = nil
        for line in text.components(separatedBy: .newlines) {
            if line.hasPrefix("-----BEGIN") { current = [line] }
            else if line.hasPrefix("-----END"), var c = current { c.append(line); blocks.append(c.joined(separator: "\n") + "\n"); current = nil }
            else { current?.append(line) }
        }
        return blocks
    }

    /// SHA-256 of a certificate file's DER (PEM or DER input), for `signers request --cert`.
    public static func certificateSHA256(_ data: Data) -> (sha256: String, subject: String)? {
        guard let x = OpenSSL.certificate(data) else { return nil }
        defer { X509_free(x) }
        let der = OpenSSL.der(x)
        return (Digest.sha256Hex(der), OpenSSL.commonName(x))
    }
}
