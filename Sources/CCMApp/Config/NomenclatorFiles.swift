import CCMCore
import Foundation

/// Loads and checks the nomenclator files under `Schemas/`; a malformed file is a
/// configuration error that names the file and line.
public enum NomenclatorFiles {
    public static func load(_ schemas: URL) throws -> Nomenclators {
        let dir = schemas.appendingPathComponent("nomenclatoare")
        let indemnity = try codes(dir.appendingPathComponent("coduri-indemnizatie.csv"), header: ["cod", "denumire"]) {
            $0.count == 2 && $0.allSatisfy(\.isNumber)
        }
        let icd = try codes(dir.appendingPathComponent("icd10-categorii.csv"), header: ["cod", "denumire"]) {
            $0.count == 3 && $0.first!.isUppercase && $0.dropFirst().allSatisfy(\.isNumber)
        }
        let positive: (String) -> Bool = { Int($0).map { $0 > 0 } ?? false }
        let emergencies = try codes(dir.appendingPathComponent("coduri-urgenta.csv"), header: ["cod", "denumire"], positive)
        let groupA = try codes(dir.appendingPathComponent("boli-infecto-grupa-a.csv"), header: ["cod", "denumire"], positive)
        let extra = try codes(schemas.appendingPathComponent("calendar/zile-libere-suplimentare.csv"), header: ["data", "motiv"]) {
            LocalDate($0) != nil
        }
        return Nomenclators(indemnityCodes: indemnity, icd10Categories: icd,
                            emergencies: Set(emergencies.compactMap { Int($0) }), groupADiseases: Set(groupA.compactMap { Int($0) }),
                            calendar: NonWorkingDays(extraDays: Set(extra.compactMap(LocalDate.init))))
    }

    /// The first column of a CSV file with the given header, each value checked.
    static func codes(_ file: URL, header: [String], _ valid: (String) -> Bool) throws -> Set<String> {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw AppError.usage("nomenclatorul \(file.path) nu poate fi citit")
        }
        let records: [CSVReader.Record]
        do { records = try CSVReader.parse(text) } catch let f as CSVReader.Failure {
            throw AppError.usage("\(file.path):\(f.line): \(f.message)")
        }
        guard records.first?.fields == header else {
            throw AppError.usage("\(file.path): antetul trebuie să fie \(header.joined(separator: ","))")
        }
        var out = Set<String>()
        for r in records.dropFirst() {
            guard r.fields.count == header.count, valid(r.fields[0]) else {
                throw AppError.usage("\(file.path):\(r.line): valoare invalidă „\(r.fields.first ?? "")”")
            }
            out.insert(r.fields[0])
        }
        return out
    }
}
