extension QueueStore {
    /// Sets up the connection the claims live on. Its commits are not flushed one by one
    /// (synchronous_commit off): a claim or a finish lost in a crash of the server only makes a
    /// later run look at the arrival again, and find its file gone or its bytes registered. Its
    /// statements are planned as the documents' are (`Connection.planningForKeys`).
    public static func claiming(on q: Connection) throws {
        try q.exec("SET synchronous_commit = off")
        try q.exec("SET plan_cache_mode = " + (try q.planCacheModeForKeys()))
    }
}
