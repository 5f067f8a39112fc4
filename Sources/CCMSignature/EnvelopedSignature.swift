import CCMXML
import Foundation

/// An enveloped XML-DSig signature (`01-submission-format.md` §4.1), checked in two stages:
/// first the shape (EnvelopedSignatureStructure: one signature, last child of the root, one
/// Reference URI="" with enveloped-signature + C14N, strong algorithms, no ds:Object), then
/// the cryptography, streamed (`EnvelopedSignatureStream`, no DOM). The key is the one of the
/// certificate in KeyInfo, taken without any chain check: the chain, validity and
/// revocation at the time of receipt are judged by the caller (CertificateCheck).
///
/// The tests hold it to xmlsec over a DOM (`verifyWithXMLSec`, in their support) on every
/// signed document.
public enum EnvelopedSignature {
    /// nil when the document has no ds:Signature at all; otherwise the verdict. The document is
    /// read as the submission reader reads it (`XMLInput`, with the same `limits`): what that
    /// refuses, or a document not well-formed, is refused when it looks signed. Streaming:
    /// memory does not grow with the document.
    /// `certificates`: those decoded by earlier signatures, the caller's check's (`TrustMaterial.certificates`).
    public static func verify(path: String, limits: ReadLimits = ReadLimits(),
                              certificates: CertificateCache = CertificateCache()) -> SignatureVerdict? {
        EnvelopedSignatureStream.verify(path: path, limits: limits, certificates: certificates)
    }
}
