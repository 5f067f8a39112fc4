import Foundation
import XCTest
@testable import CCMSignature

/// The base64 texts of a signature (its certificates, digest and value) lose only the white
/// space XML allows in base64Binary before they are decoded (`EnvelopedSignatureStructure.base64`).
final class SignatureBase64Tests: XCTestCase {
    func testXMLWhiteSpaceIsIgnoredAnythingElseRefused() {
        let bytes = Data((0..<300).map { UInt8($0 % 256) })
        let text = bytes.base64EncodedString()
        XCTAssertEqual(EnvelopedSignatureStructure.base64(text), bytes)
        // Line breaks every 64 characters (CRLF or LF), indentation, a trailing newline.
        var wrapped = "\n\t  "
        for (i, ch) in text.enumerated() { wrapped.append(ch); if i % 64 == 63 { wrapped += i % 128 == 127 ? "\r\n    " : "\n\t" } }
        XCTAssertEqual(EnvelopedSignatureStructure.base64(wrapped + "\n"), bytes)
        XCTAssertEqual(EnvelopedSignatureStructure.base64(""), Data())
        for bad in [text + "*", "\u{00A0}" + text, text.replacingOccurrences(of: "A", with: "Ă"), "QUJD\u{2028}"] {
            XCTAssertNil(EnvelopedSignatureStructure.base64(bad), bad.prefix(8) + "…")
        }
    }
}
