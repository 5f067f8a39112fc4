import CCMXML
import COpenSSL
import Foundation

// The signature checks for a file already in memory (the fuzzer, `Inspection`): the same code
// as for a path, only the bytes come from memory.

extension EnvelopedSignature {
    /// `verify(path:limits:)` for the document's bytes.
    public static func verify(document: Data, limits: ReadLimits = ReadLimits(),
                              certificates: CertificateCache = CertificateCache()) -> SignatureVerdict? {
        EnvelopedSignatureStream.verify(data: document, limits: limits, certificates: certificates)
    }
}

extension DetachedSignature {
    /// `verify(signature:contentPath:)` with the signed content in memory.
    ///
    /// The content reaches OpenSSL as a file BIO over the bytes (fmemopen), the path's kind, and
    /// not as a memory BIO: CMS_verify copies a memory BIO into a temporary one that it never
    /// frees when CMS_dataInit fails, as with an unknown algorithm in the SignedData's
    /// digestAlgorithms (OpenSSL 3.0.19 here, the same code upstream; found by ccm-fuzz).
    public static func verify(signature: Data, content: Data, certificates: CertificateCache = CertificateCache()) -> SignatureVerdict {
        verify(signature: signature, content: content, splitting: true, certificates: certificates)
    }

    static func verify(signature: Data, content: Data, splitting: Bool,
                       certificates: CertificateCache = CertificateCache()) -> SignatureVerdict {
        content.withUnsafeBytes { raw in
            verify(signature: signature, splitting: splitting, certificates: certificates) {
                // An empty stream is not portable to fmemopen; an empty memory BIO is never copied.
                guard let base = raw.baseAddress, raw.count > 0 else {
                    return BIO_new_mem_buf(UnsafeRawPointer(DetachedSignature.empty.utf8Start), 0)
                }
                // Opened "rb": nothing is written through the pointer.
                guard let stream = fmemopen(UnsafeMutableRawPointer(mutating: base), raw.count, "rb") else { return nil }
                guard let bio = BIO_new_fp(stream, BIO_CLOSE) else { fclose(stream); return nil }
                return bio
            }
        }
    }

    private static let empty: StaticString = ""
}
