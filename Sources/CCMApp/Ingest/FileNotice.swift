import CCMCore
import Foundation

/// A file the run did not judge, and why: left in the inbox for a later run (AMANAT) or not
/// taken at all (IGNORAT). Its line on standard error, and with `--json` its record.
public struct FileNotice: Equatable {
    public enum Status: String { case amanat = "AMANAT", ignorat = "IGNORAT" }
    public enum Reason: String, Sendable {
        /// Its size or times changed while it was read, or since.
        case inScriere = "IN_SCRIERE"
        /// Another process holds it open for writing.
        case deschisPentruScriere = "DESCHIS_PENTRU_SCRIERE"
        /// It ends before its document does and changed less than `settle_seconds` ago.
        case incomplet = "INCOMPLET"
        /// A `.xml.p7s` without its `.xml` beside it.
        case semnaturaFaraDocument = "SEMNATURA_FARA_DOCUMENT"
        /// Named outside the inbox and not a `*.xml`.
        case nuEsteXML = "NU_ESTE_XML"
        /// A symbolic link, a FIFO…: never read.
        case nuEsteFisierObisnuit = "NU_ESTE_FISIER_OBISNUIT"
        /// Its month was detached (`ccm db detaseaza`): not judged, to quarantine.
        case lunaDetasata = "LUNA_DETASATA"
    }

    public var file: String
    public var status: Status
    public var reason: Reason
    public var message: String
    /// Where the entry went (a link or FIFO of the inbox, moved to quarantine unread; a document of a detached month).
    public var movedTo: String? = nil

    public init(file: String, status: Status, reason: Reason, message: String, movedTo: String? = nil) {
        self.file = file; self.status = status; self.reason = reason; self.message = message; self.movedTo = movedTo
    }

    public var json: JSON {
        .object([("file", .string(file)), ("status", .string(status.rawValue)), ("reason", .string(reason.rawValue)),
                 ("message", .string(message)), ("movedTo", .str(movedTo))])
    }

    /// A file left in the inbox because it is not complete yet.
    static func deferred(_ path: String, _ reason: Reason) -> FileNotice {
        let why: String
        switch reason {
        case .inScriere: why = "se modifică în timpul citirii"
        case .deschisPentruScriere: why = "este deschis pentru scriere de alt proces"
        default: why = "se termină înaintea documentului și a fost modificat de curând"
        }
        return FileNotice(file: name(path), status: .amanat, reason: reason,
                          message: "\(name(path)): \(why); rămâne în inbox pentru rularea următoare")
    }

    static func name(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
}

/// Thrown while a file is judged when it turns out not to be complete yet: nothing of it is
/// stored, it stays where it is.
struct Unsettled: Error { var reason: FileNotice.Reason }
