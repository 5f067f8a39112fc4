import CCMCore
import COpenSSL
import Foundation

/// SHA-256 of bytes as lowercase hex, and the hex form itself (a file's digest, streamed, is
/// `FileDigest` in CCMApp): one implementation for certificates, CRLs and report contents.
public enum Digest {
    public static func sha256Hex(_ data: Data) -> String {
        var md = [UInt8](repeating: 0, count: 32)
        data.withUnsafeBytes { _ = SHA256($0.baseAddress?.assumingMemoryBound(to: UInt8.self), $0.count, &md) }
        return hex(md)
    }

    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Small bridges to OpenSSL's C API; every object is freed by its owner.
enum OpenSSL {
    /// A certificate from DER or PEM bytes.
    static func certificate(_ bytes: Data) -> OpaquePointer? {
        bytes.withUnsafeBytes { raw -> OpaquePointer? in
            guard let base = raw.baseAddress else { return nil }
            var p: UnsafePointer<UInt8>? = base.assumingMemoryBound(to: UInt8.self)
            if let x = d2i_X509(nil, &p, raw.count) { return x }
            let bio = BIO_new_mem_buf(base, Int32(raw.count))
            defer { BIO_free(bio) }
            return PEM_read_bio_X509(bio, nil, nil, nil)
        }
    }

    static func crl(_ bytes: Data) -> OpaquePointer? {
        bytes.withUnsafeBytes { raw -> OpaquePointer? in
            guard let base = raw.baseAddress else { return nil }
            var p: UnsafePointer<UInt8>? = base.assumingMemoryBound(to: UInt8.self)
            if let x = d2i_X509_CRL(nil, &p, raw.count) { return x }
            let bio = BIO_new_mem_buf(base, Int32(raw.count))
            defer { BIO_free(bio) }
            return PEM_read_bio_X509_CRL(bio, nil, nil, nil)
        }
    }

    static func der(_ x: OpaquePointer) -> Data {
        var out: UnsafeMutablePointer<UInt8>? = nil
        let n = i2d_X509(x, &out)
        guard n > 0, let out else { return Data() }
        defer { CRYPTO_free(out, #file, #line) }
        return Data(bytes: out, count: Int(n))
    }

    static func crlDER(_ x: OpaquePointer) -> Data {
        var out: UnsafeMutablePointer<UInt8>? = nil
        let n = i2d_X509_CRL(x, &out)
        guard n > 0, let out else { return Data() }
        defer { CRYPTO_free(out, #file, #line) }
        return Data(bytes: out, count: Int(n))
    }

    static func name(_ n: OpaquePointer?) -> String {
        guard let n, let s = X509_NAME_oneline(n, nil, 0) else { return "" }
        defer { CRYPTO_free(s, #file, #line) }
        return String(cString: s)
    }

    static func commonName(_ x: OpaquePointer) -> String {
        guard let n = X509_get_subject_name(x) else { return "" }
        var buf = [CChar](repeating: 0, count: 256)
        let len = X509_NAME_get_text_by_NID(n, NID_commonName, &buf, Int32(buf.count))
        // The certificate's holder chose this text: it is repeated in messages, so no control character and no more than X.520's 64.
        // Never the whole subject instead: a qualified certificate's serialNumber holds the holder's CNP (PNORO-…).
        return len > 0 ? ReflectedText.short(text(buf), limit: 64) : "fără nume (CN)"
    }

    static func lastError() -> String {
        let e = ERR_get_error()
        guard e != 0 else { return "" }
        var buf = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(e, &buf, buf.count)
        ERR_clear_error()
        return text(buf)
    }

    /// A C buffer's text up to its first NUL.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func time(_ t: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let t else { return nil }
        var tm = tm()
        guard ASN1_TIME_to_tm(t, &tm) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&tm)))
    }
}
