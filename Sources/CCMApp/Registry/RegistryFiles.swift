import CCMStore
import Foundation

extension RegistryImport {
    /// `ccm registry import FILE…`: the files of one command change the registry together for the
    /// documents being judged. `each` hears of every file, imported or rejected; a rejected file
    /// does not stop the others. Returns how many were rejected.
    public static func run(files: [String], db: Connection, at: Date, each: (Result<Report, Rejected>) -> Void) throws -> Int {
        var rejected = 0
        try RegistryLock.exclusive(db) {
            for file in files {
                do {
                    each(.success(try run(file: file, db: db, at: at)))
                } catch let e as Rejected {
                    each(.failure(e))
                    rejected += 1
                }
            }
        }
        return rejected
    }
}
