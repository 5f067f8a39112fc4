import ArgumentParser
import CCMCore

/// `--luna AAAA-LL`.
extension YearMonth: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
