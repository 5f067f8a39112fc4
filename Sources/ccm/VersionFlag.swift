import ArgumentParser
import CCMApp
import CCMCore
import Foundation

/// `ccm --version`: this build, the schema it brings, and the schema of the database it would
/// use (read as the reporting role, never migrated by this). The version is printed even when
/// the database cannot be reached; that is said on a second line.
enum VersionReport {
    /// The release of this build: the year, month and day of its last change.
    static let release = "2026.12.06"

    static func lines(settings: Settings) -> (out: String, problem: String?) {
        let head = "ccm \(release) (schema \(SchemaVersion.latest), formatul raportării urn:ro:cnas:ccm:raportare:1)"
        do {
            let v = try SchemaVersion.ofDatabase(settings)
            let state = v == SchemaVersion.latest ? "la zi" : v < SchemaVersion.latest
                ? "în urmă: rulați ccm db migrate cu conexiunea proprietarului" : "mai nouă decât acest ccm"
            return (head + "\nbaza de date: schema la versiunea \(v) (\(state))", nil)
        } catch {
            return (head, "baza de date nu poate fi citită: \(AppError.from(error).description)")
        }
    }
}
