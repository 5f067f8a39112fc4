import CCMCore
import Foundation

extension RegistryStore {
    /// Every CUI the registry knows: doctors and pads may belong only to these.
    public func knownProviders() throws -> Set<String> {
        Set(try db.exec("SELECT cui FROM providers").compactMap { $0[0] })
    }

    /// The current registry rows of these CUIs, by CUI.
    public func providers(cuis: [String]) throws -> [String: Provider] {
        guard !cuis.isEmpty else { return [:] }
        let rows = try db.exec(Statement("SELECT * FROM providers WHERE cui = ANY($1::text[])", binary: [BinaryArrays.texts(cuis)]))
        return Dictionary(rows.compactMap(RegistryStore.provider).map { ($0.cui, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
