import Foundation

extension FileMover {
    /// Copies `path` to `target`, then its `.p7s` beside it, if any: for a file ccm does not
    /// own (named outside the inbox), which stays where it is, untouched. Each copy is complete
    /// and synced before it takes its name; one that fails removes only its own partial file.
    public static func copy(_ path: String, to target: String) throws {
        do { try copyOne(path, to: target) } catch { throw Failure(xmlMoved: false, reason: "\(error)") }
        let sig = path + ".p7s"
        guard FileManager.default.fileExists(atPath: sig) else { return }
        do { try copyOne(sig, to: target + ".p7s") } catch { throw Failure(xmlMoved: true, reason: "\(error)") }
    }

    static func copyOne(_ from: String, to: String) throws {
        try writeThenName(to) { try copySynced(from, to: $0) }
    }
}
