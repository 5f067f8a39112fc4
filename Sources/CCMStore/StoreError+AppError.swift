import CCMCore

extension StoreError: AppErrorConvertible {
    /// A connection string or setting to fix is usage (exit 1); anything else, the database unavailable (exit 2).
    public var appError: AppError {
        if case .misconfigured = self { return .usage(description) }
        return .unavailable(description)
    }
}
