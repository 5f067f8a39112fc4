import CCMCore
import CCMFiles
import CCMStore
import Foundation
import Synchronization

/// The embedded default database: a private PostgreSQL cluster under `$CCM_HOME/postgres`,
/// created and started on first use, listening only on a private Unix socket.
public struct EmbeddedPostgres {
    public let home: URL
    /// Where the cluster lives: `$CCM_HOME/postgres`, or the folder that link points to.
    let base: URL

    public init(home: URL) {
        self.home = home
        self.base = home.appendingPathComponent("postgres").resolvingSymlinksInPath()
    }

    var dataDir: URL { base.appendingPathComponent("data") }
    var socketDir: URL { base.appendingPathComponent("run") }
    var logFile: URL { base.appendingPathComponent("server.log") }
    static let port = 5432

    /// initdb's superuser: owns the database, used only to migrate and set up the roles.
    static let ownerRole = "ccm"
    /// The login roles of the batch (in `ccm_scriere`) and of the reporting (in `ccm_citire`).
    static let batchRole = "ccm_batch"
    static let readerRole = "ccm_raport"

    /// The connections of a running embedded cluster, one per role, and the migrations applied
    /// when it was opened.
    public struct Logins: Sendable {
        public let owner: String
        public let batch: String
        public let reader: String
        public let applied: [Int]
    }

    func url(user: String, database: String = "ccm") -> String {
        "host=\(socketDir.path) port=\(EmbeddedPostgres.port) user=\(user) dbname=\(database) connect_timeout=10"
    }

    /// PostgreSQL refuses to run as root: then the cluster belongs to the `postgres` user.
    var runAsPostgres: Bool { getuid() == 0 }

    /// Creates (first time) and starts the cluster if needed, migrates it as the owner and makes
    /// sure the batch's and the reporting's login roles exist (a cluster made by an earlier
    /// version, with only the owner, gets them now); returns the connections.
    /// `ensureRunning` once per process and home: a second connection (the ingest's queue, a
    /// worker's) does not run pg_ctl, psql and the migrations' check again. `known`: remembered.
    public static func ensuredOnce(home: URL) throws -> (logins: Logins, known: Bool) {
        try ensured.withLock { ensured in
            if let l = ensured[home.path] { return (l, true) }
            let l = try EmbeddedPostgres(home: home).ensureRunning()
            ensured[home.path] = l
            return (l, false)
        }
    }

    public static func forget(home: URL) {
        ensured.withLock { $0[home.path] = nil }
    }

    private static let ensured = Mutex<[String: Logins]>([:])

    public func ensureRunning() throws -> Logins {
        let fm = FileManager.default
        try PrivateFiles.ensureFolder(home)
        let lock = try FileLock(home.appendingPathComponent("postgres.lock").path)
        defer { lock.unlock() }
        let bin = try EmbeddedPostgres.binDirectory()
        if !fm.fileExists(atPath: dataDir.appendingPathComponent("PG_VERSION").path) {
            let placed = try placeCluster()
            if placed.path != base.path { return try EmbeddedPostgres(home: home).ensureRunningLocked(bin: bin) }
        }
        return try ensureRunningLocked(bin: bin)
    }

    private func ensureRunningLocked(bin: String) throws -> Logins {
        let fm = FileManager.default
        if !fm.fileExists(atPath: dataDir.appendingPathComponent("PG_VERSION").path) { try initialise(bin: bin) }
        // The socket's folder is the cluster user's alone (also one an earlier version made 0755):
        // with trust on the socket, whoever reaches it may connect.
        if fm.fileExists(atPath: socketDir.path) { try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: socketDir.path) }
        // A cluster that answers with its database is running and made: neither `pg_ctl status`
        // (a process run as the cluster's user, most of a short command's start) nor a look at its databases.
        let owner: Connection
        if let running = try? Connection(url(user: EmbeddedPostgres.ownerRole)) { owner = running } else {
            let status = try run(bin + "/pg_ctl", ["-D", dataDir.path, "status"])
            if status.status != 0 {
                try? fm.createDirectory(at: socketDir, withIntermediateDirectories: true)
                try chownToPostgres(socketDir)
                let start = try run(bin + "/pg_ctl", ["-D", dataDir.path, "-l", logFile.path, "-w", "-t", "60", "start"])
                guard start.status == 0 else {
                    throw AppError.unavailable("PostgreSQL încorporat nu pornește (\(logFile.path)): \(start.output.suffix(400))")
                }
                Log.info("PostgreSQL încorporat pornit în \(base.path)")
            }
            try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: socketDir.path)
            try ensureDatabase()
            do { owner = try Connection(url(user: EmbeddedPostgres.ownerRole)) } catch { throw AppError.from(error) }
        }
        let applied = try Migrations.migrate(owner)
        if !applied.isEmpty { Log.info("migrări aplicate: \(applied.map(String.init).joined(separator: ", "))") }
        try ClusterRoles.ensureLogins(batch: EmbeddedPostgres.batchRole, reader: EmbeddedPostgres.readerRole, on: owner)
        return Logins(owner: url(user: EmbeddedPostgres.ownerRole), batch: url(user: EmbeddedPostgres.batchRole),
                      reader: url(user: EmbeddedPostgres.readerRole), applied: applied)
    }

    public func stop() throws {
        guard FileManager.default.fileExists(atPath: dataDir.appendingPathComponent("postmaster.pid").path) else { return }
        let bin = try EmbeddedPostgres.binDirectory()
        _ = try run(bin + "/pg_ctl", ["-D", dataDir.path, "-m", "fast", "-w", "stop"])
    }

    /// As root the cluster must belong to `postgres`, who may not be able to reach `$CCM_HOME`
    /// (a home folder of mode 0700): then it lives under /var/lib/ccm and `$CCM_HOME/postgres`
    /// is a link to it. Returns the folder chosen.
    private func placeCluster() throws -> URL {
        let fm = FileManager.default
        let link = home.appendingPathComponent("postgres")
        if fm.fileExists(atPath: link.path) { return link.resolvingSymlinksInPath() }
        // A link whose cluster was removed: a new empty database there would hide the loss.
        if let target = try? fm.destinationOfSymbolicLink(atPath: link.path) {
            throw AppError.unavailable("clusterul încorporat lipsește: \(link.path) indică spre \(target), care nu mai există; "
                + "restaurați-l din copia de siguranță sau, pentru o bază nouă, goală, ștergeți legătura \(link.path)")
        }
        try fm.createDirectory(at: link, withIntermediateDirectories: true)
        guard runAsPostgres else { return link }
        try chownToPostgres(link)
        let probe = try Subprocess.run("/usr/sbin/runuser", ["-u", "postgres", "--", "test", "-w", link.path])
        if probe.status == 0 { return link }
        try fm.removeItem(at: link)
        var hash: UInt64 = 0xcbf29ce484222325 // FNV-1a of the home path: one cluster per CCM_HOME
        for b in home.standardizedFileURL.path.utf8 { hash = (hash ^ UInt64(b)) &* 0x100000001b3 }
        let elsewhere = URL(fileURLWithPath: "/var/lib/ccm/embedded/" + String(hash, radix: 16))
        try fm.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try chownToPostgres(elsewhere)
        try fm.createSymbolicLink(at: link, withDestinationURL: elsewhere)
        Log.info("utilizatorul postgres nu poate accesa \(home.path); clusterul încorporat este în \(elsewhere.path)")
        return elsewhere
    }

    private func initialise(bin: String) throws {
        // Trust on the socket alone (no TCP): its folder is 0700, so only the cluster's user and root reach it.
        let r = try run(bin + "/initdb", ["-D", dataDir.path, "-U", EmbeddedPostgres.ownerRole, "-A", "trust", "-E", "UTF8",
                                          "--locale=C", "--no-instructions"])
        guard r.status == 0 else { throw AppError.unavailable("initdb a eșuat: \(r.output.suffix(400))") }
        let conf = """

            # ccm embedded cluster: no TCP, a private socket.
            listen_addresses = ''
            unix_socket_directories = '\(socketDir.path.replacingOccurrences(of: "'", with: "''"))'
            port = \(EmbeddedPostgres.port)
            unix_socket_permissions = 0700

            """
        let confFile = dataDir.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: confFile)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(conf.utf8))
        try handle.close()
        Log.info("cluster PostgreSQL încorporat creat în \(dataDir.path)")
    }

    private func ensureDatabase() throws {
        do { try ClusterRoles.ensureDatabase("ccm", on: try Connection(url(user: EmbeddedPostgres.ownerRole, database: "postgres"))) } catch {
            throw AppError.unavailable("baza ccm nu poate fi creată în \(base.path): \(error)")
        }
    }

    private func run(_ exe: String, _ args: [String]) throws -> Subprocess.Result {
        runAsPostgres ? try Subprocess.run("/usr/sbin/runuser", ["-u", "postgres", "--", exe] + args)
                      : try Subprocess.run(exe, args)
    }

    private func chownToPostgres(_ url: URL) throws {
        guard runAsPostgres else { return }
        try FileManager.default.setAttributes([.ownerAccountName: "postgres", .groupOwnerAccountName: "postgres"],
                                              ofItemAtPath: url.path)
    }

    /// `CCM_PG_BIN`, else the newest `/usr/lib/postgresql/N/bin`.
    static func binDirectory() throws -> String {
        if let b = ProcessInfo.processInfo.environment["CCM_PG_BIN"], !b.isEmpty { return b }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for v in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(v)/bin/initdb") {
            return "\(root)/\(v)/bin"
        }
        throw AppError.unavailable("PostgreSQL nu este instalat (lipsește \(root)/N/bin/initdb; apt-get install postgresql)")
    }
}

/// An exclusive `flock` on a file, so that two ccm processes do not initialise the cluster together.
final class FileLock {
    let fd: Int32
    init(_ path: String) throws {
        fd = open(path, O_CREAT | O_RDWR, 0o600)
        guard fd >= 0 else { throw AppError.usage("nu pot deschide \(path)") }
        flock(fd, LOCK_EX)
    }
    func unlock() { flock(fd, LOCK_UN); close(fd) }
}
