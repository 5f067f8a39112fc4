import COpenSSL
import CCMSignature
import Foundation

/// SHA-256 of a file's exact bytes, streamed through OpenSSL.
enum FileDigest {
    static func sha256(path: String) throws -> (hex: String, size: Int) {
        guard let fh = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoPermission) }
        defer { try? fh.close() }
        guard let ctx = EVP_MD_CTX_new() else { throw CocoaError(.fileReadUnknown) }
        defer { EVP_MD_CTX_free(ctx) }
        EVP_DigestInit_ex(ctx, EVP_sha256(), nil)
        var size = 0
        while true {
            let chunk = try fh.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            size += chunk.count
            chunk.withUnsafeBytes { _ = EVP_DigestUpdate(ctx, $0.baseAddress, $0.count) }
        }
        var md = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var len: UInt32 = 0
        EVP_DigestFinal_ex(ctx, &md, &len)
        return (Digest.hex(md.prefix(Int(len))), size)
    }
}
