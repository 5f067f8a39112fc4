import CCMCore
import CCMStore
import Foundation

/// `ccm db explain`: the plans of the as-of centralizer's queries and of a history lookup.
public enum QueryPlans {
    public struct Plans { public var centralizer: [(name: String, plan: String)]; public var history: String }

    public static func explain(_ settings: Settings, luna: YearMonth, asOf: Date, serie: String, numar: String, cnp: String) throws -> Plans {
        let db = try App.connect(settings, as: .batch)
        let centralizer = try MonthStore(db).explain(casa: try settings.deployment().casa, luna: luna, asOf: asOf).map { (name: $0.0, plan: $0.1) }
        let history = try HistoryStore(db).explain(serie: serie, numar: numar, chain: ChainKey(serie: serie, numar: numar), cnp: cnp, cnpCopil: nil)
        return Plans(centralizer: centralizer, history: history)
    }
}
