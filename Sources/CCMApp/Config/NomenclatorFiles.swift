import CCMCore
import CCMFormats
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

    /// `case-asigurari.csv`: every county house and CASMB with its full and short name, one per
    /// code of the schema; a missing or extra code is a configuration error.
    public static func houses(_ schemas: URL) throws -> [String: HealthInsuranceHouse] {
        let file = schemas.appendingPathComponent("nomenclatoare/case-asigurari.csv")
        var out: [String: HealthInsuranceHouse] = [:]
        for r in try rows(file, header: ["cod", "denumire", "denumire_scurta"]) {
            let f = r.fields
            guard CasaCode.all.contains(f[0]), out[f[0]] == nil,
                  !f[1].isEmpty, !f[2].isEmpty, ReflectedText.hasControl(f[1] + f[2]) == false else {
                throw AppError.usage("\(file.path):\(r.line): valoare invalidă \(ReflectedText.quoted(f[0]))")
            }
            out[f[0]] = HealthInsuranceHouse(code: f[0], fullName: f[1], shortName: f[2])
        }
        if let missing = CasaCode.all.subtracting(out.keys).sorted().first {
            throw AppError.usage("\(file.path): lipsește casa \(missing)")
        }
        return out
    }

    /// The first column of a CSV file with the given header, each value checked.
    static func codes(_ file: URL, header: [String], _ valid: (String) -> Bool) throws -> Set<String> {
        var out = Set<String>()
        for r in try rows(file, header: header) {
            guard valid(r.fields[0]) else {
                throw AppError.usage("\(file.path):\(r.line): valoare invalidă „\(r.fields.first ?? "")”")
            }
            out.insert(r.fields[0])
        }
        return out
    }

    /// The records of a CSV file after its header, each with as many fields as the header.
    static func rows(_ file: URL, header: [String]) throws -> [CSVRecord] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw AppError.usage("nomenclatorul \(file.path) nu poate fi citit")
        }
        let records: [CSVRecord]
        do { records = try CSVRecords.parse(text) } catch let f as CSVRecords.Failure {
            throw AppError.usage("\(file.path):\(f.line): \(f.message)")
        }
        guard records.first?.fields == header else {
            throw AppError.usage("\(file.path): antetul trebuie să fie \(header.joined(separator: ","))")
        }
        for r in records.dropFirst() where r.fields.count != header.count {
            throw AppError.usage("\(file.path):\(r.line): se așteptau \(header.count) câmpuri")
        }
        return Array(records.dropFirst())
    }
}
