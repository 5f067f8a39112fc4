import CCMCore
import CCMFiles
import Foundation

/// Thrown while a file is judged when its month was detached (`ccm db detaseaza`): the month is
/// archived whole, so nothing of the file is judged or stored, and it goes to quarantine.
struct DetachedMonth: Error { var luna: YearMonth }

extension Placement {
    /// A file of a detached month, not judged: to quarantine now (no record waits for a commit);
    /// one named outside the inbox is left where it is. Either way a rerun finds nothing to do.
    func quarantine(_ file: InboxFile, detached luna: YearMonth, owned: Bool) -> FileNotice {
        let why = "\(file.name): luna \(luna) este detașată (arhivată cu `ccm db detaseaza`), documentul nu a fost procesat"
        let ask = "; pentru această lună furnizorul se adresează CAS"
        guard owned else {
            return FileNotice(file: file.name, status: .ignorat, reason: .lunaDetasata, message: why + " și rămâne unde este" + ask)
        }
        let folder = self.folder(.respins, luna.description)
        do {
            let target = try FileMover.target(for: file.name, in: folder, avoiding: reserved)
            try FileMover.move(file.path, to: target)
            return FileNotice(file: file.name, status: .ignorat, reason: .lunaDetasata,
                              message: why + ", mutat în \(target)" + ask, movedTo: target)
        } catch {
            return FileNotice(file: file.name, status: .ignorat, reason: .lunaDetasata,
                              message: why + " și nu poate fi mutat în carantină (\(folder.path)): \(AppError.from(error).description)")
        }
    }
}
