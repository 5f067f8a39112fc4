import CCMCore
import CCMStore
import Foundation

/// `ccm registry import FILE…`: each file recognised by its header, checked whole, then
/// applied in one transaction; a file with any bad row changes nothing.
public enum RegistryImport {
    public struct Report { public var file: String; public var kind: String; public var counts: RegistryStore.UpsertCounts }

    public struct Rejected: Error, CustomStringConvertible {
        public var file: String
        public var errors: [ProviderRows.RowError]
        public var description: String {
            "\(file) respins, nimic nu a fost importat:\n" + errors.map { "  linia \($0.line): \($0.message)" }.joined(separator: "\n")
        }
    }

    public static func run(file: String, db: Connection) throws -> Report {
        guard let data = FileManager.default.contents(atPath: file) else { throw AppError.usage("\(file) nu poate fi citit") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Rejected(file: file, errors: [.init(line: 1, message: "fișierul nu este UTF-8")])
        }
        let records: [CSVReader.Record]
        do { records = try CSVReader.parse(text) } catch let f as CSVReader.Failure {
            throw Rejected(file: file, errors: [.init(line: f.line, message: f.message)])
        }
        let header = records.first?.fields.map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        switch Set(header) {
        case Set(ProviderRows.header) where header.count == ProviderRows.header.count:
            let (providers, errors) = ProviderRows.read(records)
            guard errors.isEmpty else { throw Rejected(file: file, errors: errors) }
            return Report(file: file, kind: "furnizori", counts: try RegistryStore(db).upsert(providers))
        case Set(["cui", "parafa", "nume", "activ_de_la", "activ_pana_la"]),
             Set(["cui", "serie", "numar_de_la", "numar_pana_la", "data_distribuirii"]),
             Set(["cui", "cert_sha256", "cnp", "nume", "email", "rol", "stare", "de_la"]):
            throw AppError.usage("\(file): importul de medici, carnete și semnatari nu este încă disponibil în această versiune")
        default:
            throw Rejected(file: file, errors: [.init(line: 1, message: "antet necunoscut: \(header.joined(separator: ","))")])
        }
    }
}
