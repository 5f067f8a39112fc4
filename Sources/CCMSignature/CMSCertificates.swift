import Foundation

/// The certificates a detached CMS SignedData carries, taken out of its DER before OpenSSL reads
/// it. OpenSSL 3.0 decodes each carried certificate's public key through its decoder framework
/// (most of a detached check's cost), while a month's reports are
/// signed by a few hundred certificates: decoded once each (`CertificateCache`), they are handed
/// to `CMS_verify` as the certificates to find the signer among.
///
/// Only plain definite-length DER of the expected shape is split; anything else (PEM, BER,
/// attribute certificates, trailing bytes) gives nil and is read whole by OpenSSL.
enum CMSCertificates {
    struct Split: Equatable {
        /// The same SignedData without its `certificates` field.
        var stripped: Data
        /// Each carried certificate's DER, in the order of the set (the cache's key as it is).
        var certificates: [[UInt8]]
    }

    /// id-signedData, 1.2.840.113549.1.7.2, as a DER OID.
    static let signedDataOID: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]

    static func split(_ data: Data) -> Split? {
        let bytes = [UInt8](data)
        // ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT SignedData }
        guard let info = DER.element(bytes, at: 0), info.tag == 0x30, info.end == bytes.count else { return nil }
        guard let oid = DER.element(bytes, at: info.contentStart), bytes[oid.start..<oid.end].elementsEqual(signedDataOID),
              let explicit = DER.element(bytes, at: oid.end), explicit.tag == 0xA0, explicit.end == info.end,
              let signed = DER.element(bytes, at: explicit.contentStart), signed.tag == 0x30, signed.end == explicit.end
        else { return nil }
        // SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo, [0] certificates OPTIONAL, [1] crls OPTIONAL, signerInfos }
        var fields: [DER.Element] = []
        var at = signed.contentStart
        while at < signed.end {
            guard let f = DER.element(bytes, at: at), f.end <= signed.end else { return nil }
            fields.append(f)
            at = f.end
        }
        guard fields.count >= 4, fields[0].tag == 0x02, fields[1].tag == 0x31, fields[2].tag == 0x30,
              fields[3].tag == 0xA0, let last = fields.last, last.tag == 0x31 else { return nil }
        var certificates: [[UInt8]] = []
        at = fields[3].contentStart
        while at < fields[3].end {
            // Only X.509 certificates (a SEQUENCE); the other choices of the set are left to OpenSSL.
            guard let c = DER.element(bytes, at: at), c.tag == 0x30, c.end <= fields[3].end else { return nil }
            certificates.append(Array(bytes[c.start..<c.end]))
            at = c.end
        }
        guard !certificates.isEmpty else { return nil }
        var body: [UInt8] = []
        for (i, f) in fields.enumerated() where i != 3 { body += bytes[f.start..<f.end] }
        let signedData = DER.encode(tag: 0x30, body)
        let content = DER.encode(tag: 0xA0, signedData)
        return Split(stripped: Data(DER.encode(tag: 0x30, signedDataOID + content)), certificates: certificates)
    }
}

/// Just enough DER to walk a structure: one-byte tags, definite lengths of up to four bytes.
enum DER {
    struct Element {
        var tag: UInt8
        /// Where the element's tag, its content and the next element begin.
        var start: Int, contentStart: Int, end: Int
    }

    static func element(_ b: [UInt8], at start: Int) -> Element? {
        guard start >= 0, start + 2 <= b.count else { return nil }
        let tag = b[start]
        guard tag & 0x1F != 0x1F else { return nil }   // high tag numbers: not in a SignedData's outline
        var at = start + 1
        let first = b[at]
        at += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let n = Int(first & 0x7F)
            guard n >= 1, n <= 4, at + n <= b.count else { return nil }   // 0x80: indefinite (BER)
            for _ in 0..<n { length = length << 8 | Int(b[at]); at += 1 }
            // DER: the shortest form only.
            guard length >= 0x80, n == 1 || b[at - n] != 0 else { return nil }
        }
        guard length <= b.count - at else { return nil }
        return Element(tag: tag, start: start, contentStart: at, end: at + length)
    }

    static func encode(tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        let n = content.count
        var out: [UInt8] = [tag]
        if n < 0x80 {
            out.append(UInt8(n))
        } else {
            var len: [UInt8] = []
            var v = n
            while v > 0 { len.insert(UInt8(v & 0xFF), at: 0); v >>= 8 }
            out.append(0x80 | UInt8(len.count))
            out += len
        }
        return out + content
    }
}
