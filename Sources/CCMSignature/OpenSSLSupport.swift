import CCMCore
import COpenSSL
import Foundation

/// SHA-256 through OpenSSL, the one helper for it: of bytes (certificates, CRLs, report
/// contents, the page's inline assets) and of a file's exact bytes, streamed.
public enum Digest {
    public static func sha256(_ data: Data) -> [UInt8] {
        var md = [UInt8](repeating: 0, count: 32)
        data.withUnsafeBytes { _ = SHA256($0.baseAddress?.assumingMemoryBound(to: UInt8.self), $0.count, &md) }
        return md
    }

    public static func sha256Hex(_ data: Data) -> String { hex(sha256(data)) }

    /// A file's SHA-256 (hex) and size, read in pieces so that memory stays flat.
    public static func sha256Hex(path: String) throws -> (hex: String, size: Int) {
        guard let fh = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoPermission) }
        defer { try? fh.close() }
        guard let stream = Stream() else { throw CocoaError(.fileReadUnknown) }
        while true {
            let chunk = try fh.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { stream.update($0) }
        }
        return (stream.finalHex(), stream.size)
    }

    /// SHA-256 of bytes given in pieces, in order (a file digested as it is read for something else).
    public final class Stream {
        private let ctx: OpaquePointer
        /// Bytes digested so far.
        public private(set) var size = 0

        public init?() {
            guard let ctx = EVP_MD_CTX_new() else { return nil }
            guard EVP_DigestInit_ex(ctx, EVP_sha256(), nil) == 1 else { EVP_MD_CTX_free(ctx); return nil }
            self.ctx = ctx
        }

        deinit { EVP_MD_CTX_free(ctx) }

        public func update(_ bytes: UnsafeRawBufferPointer) {
            size += bytes.count
            _ = EVP_DigestUpdate(ctx, bytes.baseAddress, bytes.count)
        }

        /// The digest in hex; the stream is spent.
        public func finalHex() -> String {
            var md = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var len: UInt32 = 0
            EVP_DigestFinal_ex(ctx, &md, &len)
            return Digest.hex(md.prefix(Int(len)))
        }
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
    static func certificate(_ bytes: Data) -> OpaquePointer? { decode(bytes, der: d2i_X509) { PEM_read_bio_X509($0, nil, nil, nil) } }

    /// A CRL from DER or PEM bytes.
    static func crl(_ bytes: Data) -> OpaquePointer? { decode(bytes, der: d2i_X509_CRL) { PEM_read_bio_X509_CRL($0, nil, nil, nil) } }

    /// A certificate from exactly these DER bytes, nothing after them; nil otherwise, the
    /// error queue left clear.
    static func certificate(exactDER raw: UnsafeRawBufferPointer) -> OpaquePointer? {
        guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0, raw.count < Int(Int32.max) else { return nil }
        var p: UnsafePointer<UInt8>? = UnsafePointer(base)
        guard let x509 = d2i_X509(nil, &p, raw.count) else { ERR_clear_error(); return nil }
        guard let end = p, end == UnsafePointer(base) + raw.count else { X509_free(x509); return nil }
        return x509
    }

    static func der(_ x: OpaquePointer) -> Data { encode(x, i2d_X509) }

    static func crlDER(_ x: OpaquePointer) -> Data { encode(x, i2d_X509_CRL) }

    /// DER first, then PEM, with the given pair of OpenSSL decoders.
    private static func decode(_ bytes: Data,
                               der: (UnsafeMutablePointer<OpaquePointer?>?, UnsafeMutablePointer<UnsafePointer<UInt8>?>?, Int) -> OpaquePointer?,
                               pem: (OpaquePointer?) -> OpaquePointer?) -> OpaquePointer? {
        bytes.withUnsafeBytes { raw -> OpaquePointer? in
            guard let base = raw.baseAddress else { return nil }
            var p: UnsafePointer<UInt8>? = base.assumingMemoryBound(to: UInt8.self)
            if let x = der(nil, &p, raw.count) { return x }
            let bio = BIO_new_mem_buf(base, Int32(raw.count))
            defer { BIO_free(bio) }
            return pem(bio)
        }
    }

    /// An object's DER through its `i2d_…` function (empty when it has none).
    static func encode(_ x: OpaquePointer, _ i2d: (OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32) -> Data {
        var out: UnsafeMutablePointer<UInt8>? = nil
        let n = i2d(x, &out)
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
