import CCMCore
import CCMFormats
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

    /// Each row is a change that took effect at `de_la` (empty: the import's time), applied in
    /// time order in one transaction (`SignerStore.importChanges`), so the legal-representative rule holds whatever the row order.
    static func importSigners(_ rows: [SignerRows.Row], file: String, db: Connection, at: Date) throws -> RegistryStore.UpsertCounts {
        let dated = try rows.map { r -> (SignerRows.Row, Date) in
            if r.from.isEmpty { return (r, at) }
            if let d = LocalDate(r.from) { return (r, Bucharest.instant(d, hour: 0, minute: 0, second: 0)) }
            let f = ISO8601DateFormatter()
            guard let t = f.date(from: r.from) else { throw Rejected(file: file, errors: [.init(line: r.line, message: "de_la „\(r.from)” nu poate fi citit")]) }
            return (r, t)
        }.sorted { ($0.1, $0.0.line) < ($1.1, $1.0.line) }
        let changes = dated.compactMap { r, when -> (SignerRows.Row, SignerStore.Signer)? in
            guard let role = SignerStore.Role(rawValue: r.rol), let state = SignerStore.State(rawValue: r.stare) else { return nil }
            return (r, .init(cui: r.cui, certSHA256: r.sha256, cnp: r.cnp, nume: r.nume, email: r.email, role: role, state: state,
                             from: when, until: nil, decidedBy: "import \(URL(fileURLWithPath: file).lastPathComponent)"))
        }
        let outcomes: [SignerStore.ImportOutcome]
        do { outcomes = try SignerStore(db).importChanges(changes.map(\.1)) } catch let e as SignerStore.ImportRefusal {
            throw Rejected(file: file, errors: [.init(line: changes[e.index].0.line, message: e.refusal.description)])
        }
        var counts = RegistryStore.UpsertCounts()
        for o in outcomes {
            switch o {
            case .added: counts.added += 1
            case .updated: counts.updated += 1
            case .unchanged: counts.unchanged += 1
            }
        }
        return counts
    }

    /// Doctors and pads belong to providers the registry knows.
    /// `cuis[i]` comes from data row i (every row was read, none refused).
    static func requireProviders(_ cuis: [String], records: [CSVRecord], file: String, db: Connection) throws {
        let known = try RegistryStore(db).knownProviders()
        let bad = cuis.enumerated().filter { !known.contains($0.element) }
            .map { ProviderRows.RowError(line: records[$0.offset + 1].line, message: "furnizorul \($0.element) nu există în registru") }
        if !bad.isEmpty { throw Rejected(file: file, errors: bad) }
    }

    /// `at`: when the file's content took effect (the registry is versioned for as-of editions).
    public static func run(file: String, db: Connection, at: Date = Date()) throws -> Report {
        guard let data = FileManager.default.contents(atPath: file) else { throw AppError.usage("\(file) nu poate fi citit") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Rejected(file: file, errors: [.init(line: 1, message: "fișierul nu este UTF-8")])
        }
        let records: [CSVRecord]
        do { records = try CSVRecords.parse(text) } catch let f as CSVRecords.Failure {
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
            try requireProviders(doctors.map(\.cui), records: records, file: file, db: db)
            return Report(file: file, kind: "medici", counts: try PractitionerStore(db).upsert(doctors))
        case Set(PadRows.header) where header.count == PadRows.header.count:
            let (pads, errors) = PadRows.read(records)
            guard errors.isEmpty else { throw Rejected(file: file, errors: errors) }
            try requireProviders(pads.map(\.cui), records: records, file: file, db: db)
            do {
                return Report(file: file, kind: "carnete", counts: try PractitionerStore(db).upsert(pads))
            } catch let o as PractitionerStore.Overlap {
                let line = pads.firstIndex { $0.serie == o.pad.serie && $0.from == o.pad.from }.map { records[$0 + 1].line }
                    ?? pads.firstIndex { $0.serie == o.existing.serie && $0.from == o.existing.from }.map { records[$0 + 1].line } ?? 1
                throw Rejected(file: file, errors: [.init(line: line, message:
                    "intervalul \(o.pad.serie) \(o.pad.from)–\(o.pad.to) se suprapune cu \(o.existing.from)–\(o.existing.to) al furnizorului \(o.existing.cui)")])
            }
        case Set(SignerRows.header) where header.count == SignerRows.header.count:
            let (rows, errors) = SignerRows.read(records)
            guard errors.isEmpty else { throw Rejected(file: file, errors: errors) }
            try requireProviders(rows.map(\.cui), records: records, file: file, db: db)
            return Report(file: file, kind: "semnatari", counts: try importSigners(rows, file: file, db: db, at: at))
        default:
            throw Rejected(file: file, errors: [.init(line: 1, message: unknownHeader(header))])
        }
    }

    /// The four headers a registry file may have, by the file each belongs to.
    static let headers: [(name: String, columns: [String])] = [
        ("furnizori.csv", ProviderRows.header), ("medici.csv", DoctorRows.header),
        ("carnete.csv", PadRows.header), ("semnatari.csv", SignerRows.header),
    ]

    /// Why a first line is no header, naming only the known column names in it: a file without
    /// its header begins with a data row (a signer's CNP and name), which no message repeats.
    static func unknownHeader(_ fields: [String]) -> String {
        guard !fields.isEmpty else { return "fișierul este gol: se așteaptă antetul unuia dintre: " + expectedHeaders }
        let known = Set(headers.flatMap(\.columns))
        let named = fields.filter(known.contains), others = fields.count - named.count
        let hidden = RomanianCount.of(others, "câmp necunoscut", "câmpuri necunoscute") + ", "
            + RomanianCount.pick(others, "care nu este arătat", "care nu sunt arătate")
        let seen = named.isEmpty ? "are " + hidden
            : "are coloanele cunoscute " + named.joined(separator: ",") + (others > 0 ? " și " + hidden : "")
        return "prima linie nu este antetul unui fișier al registrului: \(seen); se așteaptă antetul unuia dintre: " + expectedHeaders
    }

    static var expectedHeaders: String { headers.map { "\($0.name) (\($0.columns.joined(separator: ",")))" }.joined(separator: "; ") }
}
