import CLibPQ
import Foundation

/// A failure of the database, as a value: unreachable (exit code 2), a connection string libpq
/// cannot use (a configuration error, exit code 1) or a statement refused.
public enum StoreError: Error, CustomStringConvertible {
    case unreachable(String)
    case misconfigured(String)
    case statement(sqlstate: String, message: String)

    public var description: String {
        switch self {
        case .unreachable(let m): return "baza de date nu este accesibilă: \(m)"
        case .misconfigured(let m): return "conexiunea la baza de date nu este validă: \(m)"
        case .statement(let s, let m): return "eroare SQL \(s): \(m)"
        }
    }

    public var sqlstate: String? { if case .statement(let s, _) = self { return s } else { return nil } }
    public var isUniqueViolation: Bool { sqlstate == "23505" }
}

/// The rows of one result, as text (libpq's text format), read once and freed.
public struct Rows: Sequence {
    public let columns: [String]
    public let values: [[String?]]

    public var count: Int { values.count }
    public subscript(_ i: Int) -> Row { Row(columns: columns, values: values[i]) }
    public func makeIterator() -> AnyIterator<Row> {
        var i = 0
        return AnyIterator { defer { i += 1 }; return i < values.count ? Row(columns: columns, values: values[i]) : nil }
    }
    public var first: Row? { values.isEmpty ? nil : self[0] }
}

public struct Row {
    let columns: [String]
    let values: [String?]
    public subscript(_ name: String) -> String? {
        guard let i = columns.firstIndex(of: name) else { return nil }
        return values[i]
    }
    public subscript(_ i: Int) -> String? { values[i] }
    public func int(_ name: String) -> Int? { self[name].flatMap { Int($0) } }
    public func double(_ name: String) -> Double? { self[name].flatMap { Double($0) } }
    public func bool(_ name: String) -> Bool { self[name] == "t" }
}

/// One libpq connection. Every statement goes through `PQexecPrepared` or `PQexecParams`:
/// values are never spliced into SQL text.
public final class Connection {
    let conn: OpaquePointer
    /// Round trips made: the ingest reports them.
    public private(set) var roundTrips = 0
    /// Seconds spent waiting for the server, by what was waited for: `waitingFor` while a round
    /// trip is made, and `.earlierStatements` for the results of statements sent behind (`settleBehind`).
    public private(set) var waits = WaitTimes()
    private var waitingFor = WaitKind.other

    /// Times one blocking exchange with the server.
    /// `counted` false: the rest of a round trip already counted (`settleBehind`).
    private func roundTrip<T>(counted: Bool = true, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            roundTrips += counted ? 1 : 0
            waits[counted ? waitingFor : .earlierStatements] += seconds
        }
        return try body()
    }

    /// `body`'s round trips counted as waits for `kind`.
    public func waiting<T>(for kind: WaitKind, _ body: () throws -> T) rethrows -> T {
        let before = waitingFor
        waitingFor = kind
        defer { waitingFor = before }
        return try body()
    }

    public init(_ conninfo: String) throws {
        if let problem = Connection.problem(conninfo) { throw StoreError.misconfigured(problem) }
        guard let c = PQconnectdb(conninfo) else { throw StoreError.unreachable("libpq nu a putut aloca conexiunea") }
        guard PQstatus(c) == CONNECTION_OK else {
            // libpq's message spans lines (a hint on the next, tab-indented): one line here.
            let msg = String(cString: PQerrorMessage(c)).split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "; ")
            let host = PQhost(c).map { String(cString: $0) } ?? "", port = PQport(c).map { String(cString: $0) } ?? ""
            PQfinish(c)
            // libpq checks some values (a port, an sslmode) only when it connects: still the configuration.
            if msg.hasPrefix("invalid ") { throw StoreError.misconfigured(msg) }
            throw StoreError.unreachable((host.isEmpty ? "" : "gazda \(host)" + (port.isEmpty ? "" : ", portul \(port)") + ": ") + msg)
        }
        conn = c
        try execScript("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET client_min_messages = warning")
    }

    deinit { PQfinish(conn) }

    /// Why libpq cannot use `conninfo` (a keyword=value string or a URI), before any connection:
    /// its parser's reason, without the quoted pieces it echoes (they may hold a password), or a
    /// host, port or database name given empty. Nil when it can be tried.
    public static func problem(_ conninfo: String) -> String? {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &error) else {
            let reason = error.map { String(cString: $0) } ?? "nu poate fi citită"
            if let error { PQfreemem(error) }
            return withoutValues(reason.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            let name = String(cString: keyword)
            if ["host", "hostaddr", "port", "dbname"].contains(name), let value = option.pointee.val, value.pointee == 0 {
                return "\(name) este dat fără valoare"
            }
            option += 1
        }
        return nil
    }

    /// libpq's message with its quoted values left out.
    static func withoutValues(_ message: String) -> String {
        message.replacingOccurrences(of: #""[^"]*""#, with: "…", options: .regularExpression)
    }

    @discardableResult
    public func exec(_ sql: String, _ params: [String?] = []) throws -> Rows { try exec(Statement(sql, params)) }

    func execute(_ st: Statement) throws -> Rows {
        try settleBehind()
        let name = st.prepare ? try preparedName(st.sql) : nil
        let result: OpaquePointer? = roundTrip {
            withParameters(st) { n, values, lengths, formats in
                if let name { return PQexecPrepared(conn, name, n, values, lengths, formats, 0) }
                return PQexecParams(conn, st.sql, n, nil, values, lengths, formats, 0)
            }
        }
        return try consume(result)
    }

    /// Several statements in one round trip (libpq's pipeline mode). Each runs as it would
    /// alone and in this order — a statement without a transaction around it takes its own
    /// snapshot when its turn comes — only the client does not wait between them. The first
    /// failure is thrown once every result has been read; the statements after it did not run.
    public func pipeline(_ statements: [Statement]) throws -> [Rows] {
        var failed: Int?
        return try pipeline(statements, failed: &failed)
    }

    /// The same, and which statement failed first when one did (`failed`; nil when it was the
    /// connection, or before any ran).
    public func pipeline(_ statements: [Statement], failed: inout Int?) throws -> [Rows] {
        failed = nil
        try settleBehind()
        guard statements.count > 1 else {
            if let only = statements.first {
                do { return [try exec(only)] } catch let e as StoreError { if e.sqlstate != nil { failed = 0 }; throw e }
            }
            return []
        }
        let names = try statements.map { $0.prepare ? try preparedName($0.sql) : nil }
        var index: Int?
        defer { failed = index }
        return try roundTrip { try sendPipeline(statements, names, failed: &index) }
    }

    private func sendPipeline(_ statements: [Statement], _ names: [String?], failed: inout Int?) throws -> [Rows] {
        try sendOnly(statements, names)
        defer { PQexitPipelineMode(conn) }
        return try results(statements.count, failed: &failed)
    }

    /// Statements sent in one pipeline whose results are read later (`receive`): the server runs
    /// them while the client does something else. Nothing else may use the connection meanwhile.
    public struct InFlight { let count: Int }

    public func send(_ statements: [Statement]) throws -> InFlight {
        try settleBehind()
        let names = try statements.map { $0.prepare ? try preparedName($0.sql) : nil }
        do { try sendOnly(statements, names) } catch { PQexitPipelineMode(conn); throw error }
        return InFlight(count: statements.count)
    }

    public func receive(_ f: InFlight) throws -> [Rows] {
        defer { PQexitPipelineMode(conn) }
        var failed: Int?
        return try roundTrip { try results(f.count, failed: &failed) }
    }

    private func sendOnly(_ statements: [Statement], _ names: [String?], enter: Bool = true, sync: Bool = true) throws {
        if enter { guard PQenterPipelineMode(conn) == 1 else { throw failure() } }
        for (st, name) in zip(statements, names) {
            let sent: Int32 = withParameters(st) { n, values, lengths, formats in
                if let name { return PQsendQueryPrepared(conn, name, n, values, lengths, formats, 0) }
                return PQsendQueryParams(conn, st.sql, n, nil, values, lengths, formats, 0)
            }
            guard sent == 1 else { throw failure() }
        }
        if sync { guard PQpipelineSync(conn) == 1 else { throw failure() } }
    }

    /// Statements sent with `pipeline(ahead:behind:)` whose results are read before anything
    /// else uses the connection (`settleBehind`), and what is told of them then.
    private var behind: (count: Int, settle: (Error?, Int?) throws -> Void)?

    /// Sends `ahead`, then `behind`, in one pipeline, and returns `ahead`'s rows as soon as the
    /// server has run them (a flush request follows them): the server runs `behind` while the
    /// client goes on. `behind`'s results are read before the connection's next use, and
    /// `settle` is told the first failure among them and its index (nil, nil: none failed).
    /// When `ahead` fails, `behind` did not run: the failure is thrown (`failed`: its index).
    public func pipeline(ahead: [Statement], behind later: [Statement], failed: inout Int?,
                         settle: @escaping (Error?, Int?) throws -> Void) throws -> [Rows] {
        failed = nil
        try settleBehind()
        let all = ahead + later
        let names = try all.map { $0.prepare ? try preparedName($0.sql) : nil }
        do { try sendOnly(ahead, Array(names.prefix(ahead.count)), sync: false) } catch { PQexitPipelineMode(conn); throw error }
        guard PQsendFlushRequest(conn) == 1 else { PQexitPipelineMode(conn); throw failure() }
        do { try sendOnly(later, Array(names.dropFirst(ahead.count)), enter: false) } catch { PQexitPipelineMode(conn); throw error }
        var index: Int?
        defer { failed = index }
        let rows: [Rows]
        do {
            rows = try roundTrip { try results(ahead.count, failed: &index, synced: false) }
        } catch {
            // What came after did not run: its results are read (aborted) with the sync.
            var ignored: Int?
            _ = try? results(later.count, failed: &ignored)
            PQexitPipelineMode(conn)
            throw error
        }
        behind = (later.count, settle)
        return rows
    }

    /// Reads the results of what was sent behind (`pipeline(ahead:behind:)`) and hands them to its `settle`.
    public func settleBehind() throws {
        guard let b = behind else { return }
        behind = nil
        var failed: Int?
        var error: Error?
        do { _ = try roundTrip(counted: false) { try results(b.count, failed: &failed) } } catch let e { error = e }
        PQexitPipelineMode(conn)
        try b.settle(error, failed)
    }

    private func results(_ count: Int, failed: inout Int?, synced: Bool = true) throws -> [Rows] {
        var results: [Rows] = []
        var firstError: Error?
        for _ in 0..<count {
            // One result per statement, then the NULL that ends it.
            let res = PQgetResult(conn)
            if res == nil { throw failure() }
            if PQresultStatus(res) == PGRES_PIPELINE_ABORTED {
                PQclear(res)
                results.append(Rows(columns: [], values: []))
            } else {
                do { results.append(try consume(res)) } catch {
                    if firstError == nil { firstError = error; failed = results.count }
                    results.append(Rows(columns: [], values: []))
                }
            }
            while let extra = PQgetResult(conn) { PQclear(extra) }
        }
        if !synced {
            if let firstError { throw firstError }
            return results
        }
        // The synchronization point.
        guard let sync = PQgetResult(conn) else { throw failure() }
        let synced = PQresultStatus(sync) == PGRES_PIPELINE_SYNC
        PQclear(sync)
        if let firstError { throw firstError }
        guard synced else { throw failure() }
        return results
    }

    /// Statements with parameters are prepared once per connection and executed by name: the
    /// server parses and plans each text once instead of at every call (the ingest sends the
    /// same dozen statements for every file). A text that cannot be prepared gives the error
    /// its execution would have given.
    private var prepared: [String: String] = [:]
    private var preparedCount = 0
    private static let maxPrepared = 256

    private func preparedName(_ sql: String) throws -> String? {
        if let name = prepared[sql] { return name }
        try settleBehind()
        guard prepared.count < Connection.maxPrepared else { return nil }
        preparedCount += 1
        let name = "ccm_\(preparedCount)"
        _ = try consume(PQprepare(conn, name, sql, 0, nil))
        prepared[sql] = name
        return name
    }

    /// Several statements without parameters (migrations): the simple query protocol. The
    /// prepared statements are dropped after it: a migration may change what they return.
    public func execScript(_ sql: String) throws {
        try settleBehind()
        defer { forgetPrepared() }
        _ = try consume(PQexec(conn, sql))
    }

    private func forgetPrepared() {
        guard !prepared.isEmpty else { return }
        prepared.removeAll()
        if let res = PQexec(conn, "DEALLOCATE ALL") { PQclear(res) }
    }

    func consume(_ result: OpaquePointer?) throws -> Rows {
        guard let res = result else { throw failure() }
        defer { PQclear(res) }
        switch PQresultStatus(res) {
        case PGRES_COMMAND_OK:
            return Rows(columns: [], values: [])
        case PGRES_TUPLES_OK:
            let nc = Int(PQnfields(res)), nr = Int(PQntuples(res))
            let cols = (0..<nc).map { String(cString: PQfname(res, Int32($0))) }
            var values: [[String?]] = []
            values.reserveCapacity(nr)
            for r in 0..<nr {
                values.append((0..<nc).map { c in
                    PQgetisnull(res, Int32(r), Int32(c)) == 1 ? nil : String(cString: PQgetvalue(res, Int32(r), Int32(c)))
                })
            }
            return Rows(columns: cols, values: values)
        default:
            if PQstatus(conn) != CONNECTION_OK { throw failure() }
            let state = PQresultErrorField(res, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? "?????"
            let msg = String(cString: PQresultErrorMessage(res)).trimmingCharacters(in: .whitespacesAndNewlines)
            throw StoreError.statement(sqlstate: state, message: msg)
        }
    }

    private func failure() -> StoreError {
        let msg = String(cString: PQerrorMessage(conn)).trimmingCharacters(in: .whitespacesAndNewlines)
        return PQstatus(conn) != CONNECTION_OK ? .unreachable(msg) : .statement(sqlstate: "?????", message: msg)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try exec("BEGIN")
        do {
            let value = try body()
            try exec("COMMIT")
            return value
        } catch {
            _ = try? exec("ROLLBACK")
            throw error
        }
    }
}

extension Connection {
    /// For lookups by key (ingest, revalidation): each statement runs the generic plan that
    /// PlanStabilityTests reads, right on a table of any size with or without statistics —
    /// not a plan chosen call by call (in `auto` mode a batch of a few keys is planned again
    /// at every call, a batch of 20 keeps the plan made on an empty table). A table analyzed
    /// while empty is believed empty until its next analysis, and every plan made then is a scan
    /// of nothing: such a run plans each call for the table as it is (custom plans).
    public func planningForKeys<T>(_ body: () throws -> T) throws -> T {
        try exec("SET plan_cache_mode = " + (try planCacheModeForKeys()))
        defer { _ = try? exec("RESET plan_cache_mode") }
        return try body()
    }

    public func planCacheModeForKeys() throws -> String { try believedEmpty() ? "force_custom_plan" : "force_generic_plan" }

    /// Whether a table a run fills was analyzed while it was empty.
    public func believedEmpty() throws -> Bool {
        try exec("""
            SELECT EXISTS (SELECT 1 FROM pg_class WHERE reltuples = 0
                           AND oid IN ('certificate_current'::regclass, 'documents'::regclass, 'ingest_queue'::regclass)) AS e
            """).first?.bool("e") ?? false
    }
}

/// One statement and its parameters, for `Connection.pipeline`.
public struct Statement: Sendable {
    public var sql: String
    public var params: [String?]
    /// Parameters in PostgreSQL's binary format, numbered after `params` (`BinaryArrays`).
    public var binary: [[UInt8]] = []
    /// Prepared once per connection (see `Connection.exec`); statements with parameters always are.
    public var prepare: Bool
    public init(_ sql: String, _ params: [String?] = [], binary: [[UInt8]] = [], prepare: Bool = false) {
        self.sql = sql; self.params = params; self.binary = binary
        self.prepare = prepare || !params.isEmpty || !binary.isEmpty
    }
}

/// A statement with the reading of its rows: run alone (`Connection.run`) or with others in
/// one round trip (`Connection.pipeline`).
public struct Query<T> {
    public var statement: Statement
    public var decode: (Rows) -> T
    public init(_ statement: Statement, _ decode: @escaping (Rows) -> T) { self.statement = statement; self.decode = decode }
}

extension Connection {
    @discardableResult
    public func exec(_ st: Statement) throws -> Rows { try execute(st) }

    public func run<T>(_ q: Query<T>) throws -> T { q.decode(try exec(q.statement)) }
}

/// A statement's parameters as libpq takes them: their count, the values (text ones as C
/// strings, binary ones as bytes), and, when some are binary, their lengths and formats.
private func withParameters<R>(_ st: Statement,
                               _ body: (Int32, [UnsafePointer<CChar>?], [Int32]?, [Int32]?) -> R) -> R {
    let owned: [UnsafeMutablePointer<CChar>?] = st.params.map { $0.map { strdup($0) } ?? nil }
    defer { owned.forEach { free($0) } }
    let text = owned.map { UnsafePointer($0) }
    let n = Int32(st.params.count + st.binary.count)
    guard !st.binary.isEmpty else { return body(n, text, nil, nil) }
    // One buffer for all of them, each found at its offset.
    var joined: [UInt8] = []
    joined.reserveCapacity(st.binary.reduce(0) { $0 + $1.count })
    for b in st.binary { joined.append(contentsOf: b) }
    return joined.withUnsafeBufferPointer { all in
        var offset = 0
        var values = text
        for b in st.binary {
            values.append(all.baseAddress.map { UnsafeRawPointer($0 + offset).assumingMemoryBound(to: CChar.self) })
            offset += b.count
        }
        let lengths = Array(repeating: Int32(0), count: st.params.count) + st.binary.map { Int32($0.count) }
        let formats = Array(repeating: Int32(0), count: st.params.count) + Array(repeating: Int32(1), count: st.binary.count)
        return body(n, values, lengths, formats)
    }
}
