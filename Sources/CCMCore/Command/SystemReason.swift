import Foundation

/// The system's reasons an operator meets most, in Romanian: strerror and Foundation speak
/// English under the C locale cron runs in. Others keep the system's text and their number.
public enum SystemReason {
    public static func posix(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "nu există"
        case EACCES, EPERM: return "acces interzis"
        case EEXIST: return "există deja"
        case ENOSPC: return "nu mai este spațiu pe disc"
        case EDQUOT: return "cota de disc a fost depășită"
        case EROFS: return "sistemul de fișiere este doar pentru citire"
        case ENOTDIR: return "o parte a căii nu este un folder"
        case EISDIR: return "este un folder"
        case ELOOP: return "prea multe legături simbolice"
        case ENAMETOOLONG: return "nume prea lung"
        case EMFILE, ENFILE: return "prea multe fișiere deschise"
        case EIO: return "eroare de intrare/ieșire a discului"
        case ENOTEMPTY: return "folderul nu este gol"
        case EXDEV: return "alt sistem de fișiere"
        case EBUSY: return "resursă ocupată"
        default: return "\(String(cString: strerror(code))) (errno \(code))"
        }
    }

    /// Foundation's file errors that carry no POSIX error underneath.
    public static func cocoa(_ code: Int) -> String? {
        switch CocoaError.Code(rawValue: code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return posix(ENOENT)
        case .fileReadNoPermission, .fileWriteNoPermission: return posix(EACCES)
        case .fileWriteFileExists: return posix(EEXIST)
        case .fileWriteOutOfSpace: return posix(ENOSPC)
        case .fileWriteVolumeReadOnly: return posix(EROFS)
        case .fileReadInvalidFileName, .fileWriteInvalidFileName: return "nume de fișier nevalid"
        case .fileReadCorruptFile: return "fișier deteriorat"
        case .fileReadTooLarge: return "fișier prea mare"
        case .fileLocking: return "fișierul este blocat"
        case .fileReadUnknown: return "eroare la citire"
        case .fileWriteUnknown: return "eroare la scriere"
        default: return nil
        }
    }
}
