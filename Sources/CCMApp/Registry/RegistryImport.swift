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

    /// Doctors and pads belong to providers the registry knows.
    static func requireProviders(_ cuis: [(String, Int)], records: [CSVReader.Record], file: String, db: Connection) throws {
        let known = Set(try db.exec("SELECT cui FROM providers").compactMap { $0[0] })
        let bad = cuis.enumerated().filter { !known.contains($0.element.0) }
            .map { ProviderRows.RowError(line: records[$0.offset + 1].line, message: "furnizorul \($0.element.0) nu există în registru") }
        if !bad.isEmpty { throw Rejected(file: file, errors: bad) }
    }

    /// `at`: when the file's content took effect (the registry is versioned for as-of editions).
    public static func run(file: String, db: Connection, at: Date = Date()) throws -> Report {
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
            do {
                return Report(file: file, kind: "furnizori", counts: try RegistryStore(db).upsert(providers, at: at))
            } catch let b as RegistryStore.Backdated {
                let line = providers.firstIndex { $0.cui == b.cui }.map { records[$0 + 1].line } ?? 1
                throw Rejected(file: file, errors: [.init(line: line, message:
                    "furnizorul \(b.cui) a fost modificat ultima dată la \(b.current), după data efectivă a acestui import")])
            }
        case Set(DoctorRows.header) where header.count == DoctorRows.header.count:
            let (doctors, errors) = DoctorRows.read(records)
            guard errors.isEmpty else { throw Rejected(file: file, errors: errors) }
            try requireProviders(doctors.map { ($0.cui, 0) }, records: records, file: file, db: db)
            return Report(file: file, kind: "medici", counts: try PractitionerStore(db).upsert(doctors))
        case Set(PadRows.header) where header.count == PadRows.header.count:
            let (pads, errors) = PadRows.read(records)
            guard errors.isEmpty else { throw Rejected(file: file, errors: errors) }
            try requireProviders(pads.map { ($0.cui, 0) }, records: records, file: file, db: db)
            do {
                return Report(file: file, kind: "carnete", counts: try PractitionerStore(db).upsert(pads))
            } catch let o as PractitionerStore.Overlap {
                let line = pads.firstIndex { $0.serie == o.pad.serie && $0.from == o.pad.from }.map { records[$0 + 1].line }
                    ?? pads.firstIndex { $0.serie == o.existing.serie && $0.from == o.existing.from }.map { records[$0 + 1].line } ?? 1
                throw Rejected(file: file, errors: [.init(line: line, message:
                    "intervalul \(o.pad.serie) \(o.pad.from)–\(o.pad.to) se suprapune cu \(o.existing.from)–\(o.existing.to) al furnizorului \(o.existing.cui)")])
            }
        case Set(["cui", "cert_sha256", "cnp", "nume", "email", "rol", "stare", "de_la"]):
            throw AppError.usage("\(file): importul semnatarilor vine cu verificarea semnăturilor (încă nedisponibilă)")
        default:
            throw Rejected(file: file, errors: [.init(line: 1, message: "antet necunoscut: \(header.joined(separator: ","))")])
        }
    }
}
