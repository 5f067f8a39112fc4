import CCMCore
import Foundation

/// Enrolment (`03-registry-and-enrolment.md` §2): who may sign for a CUI, with history.
public struct SignerStore {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    public enum Role: String, Sendable { case legal = "REPREZENTANT_LEGAL", user = "UTILIZATOR" }
    public enum State: String, Sendable { case active = "ACTIV", pending = "IN_ASTEPTARE", revoked = "REVOCAT" }

    public struct Signer: Sendable, Equatable {
        public var cui: String
        public var certSHA256: String
        public var cnp: String?
        public var nume: String
        public var email: String?
        public var role: Role
        public var state: State
        public var from: Date
        public var until: Date?
        public var decidedBy: String

        public init(cui: String, certSHA256: String, cnp: String?, nume: String, email: String?, role: Role, state: State,
                    from: Date, until: Date?, decidedBy: String) {
            self.cui = cui; self.certSHA256 = certSHA256; self.cnp = cnp; self.nume = nume; self.email = email
            self.role = role; self.state = state; self.from = from; self.until = until; self.decidedBy = decidedBy
        }
    }

    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case unknown(String, String)
        case notPending(String)
        case backdated(String)
        public var description: String {
            switch self {
            case .unknown(let cui, let sha): return "semnatarul \(sha) nu este înregistrat pentru CUI \(cui)"
            case .notPending(let s): return "cererea nu este în așteptare (stare \(s))"
            case .backdated(let since): return "ultima modificare a acestui semnatar este din \(since), după data efectivă cerută"
            }
        }
    }

    /// Records a change that took effect at `at`: the current version of (CUI, certificate)
    /// ends there and the new one starts. A new active legal representative demotes the
    /// previous one to UTILIZATOR (still active). Serialized with every registry change, so two concurrent
    /// installations leave exactly one legal representative: the later one.
    /// `at` nil: now, read once the lock is held (a time taken before waiting for the lock
    /// could be earlier than the change that held it).
    public func record(_ s: Signer, at: Date?, inTransaction: Bool = false) throws {
        let body = {
            // Serializes every registry change (and so two installations for one CUI); one lock
            // however many rows an import records (a lock per CUI ran out of lock slots at 20,000).
            try RegistryLock.exclusiveInTransaction(db)
            let when = try at.map(Timestamps.sql) ?? (db.exec("SELECT clock_timestamp()::text AS t").first?["t"] ?? Timestamps.sql(Date()))
            if let since = try db.exec("""
                SELECT extract(epoch FROM valid_from) AS since FROM signer_versions
                WHERE cui = $1 AND valid_to IS NULL AND valid_from > $2::timestamptz AND (cert_sha256 = $3 OR ($4 AND rol = 'REPREZENTANT_LEGAL' AND stare = 'ACTIV'))
                LIMIT 1
                """, [s.cui, when, s.certSHA256, s.role == .legal && s.state == .active ? "true" : "false"]).first?["since"] {
                throw Refusal.backdated(Timestamps.fromEpoch(since).map(Bucharest.wallClock) ?? since)
            }
            if s.role == .legal && s.state == .active {
                for r in try db.exec("""
                    SELECT cert_sha256 FROM signer_versions
                    WHERE cui = $1 AND valid_to IS NULL AND rol = 'REPREZENTANT_LEGAL' AND stare = 'ACTIV' AND cert_sha256 <> $2
                    """, [s.cui, s.certSHA256]) {
                    guard let sha = r["cert_sha256"] else { continue }
                    try change(cui: s.cui, sha: sha, at: when, decidedBy: s.decidedBy) { "rol = 'UTILIZATOR'" }
                }
            }
            try db.exec("UPDATE signer_versions SET valid_to = $3::timestamptz WHERE cui = $1 AND cert_sha256 = $2 AND valid_to IS NULL",
                        [s.cui, s.certSHA256, when])
            try db.exec("""
                INSERT INTO signer_versions (cui, cert_sha256, cnp, nume, email, rol, stare, valid_from, decided_by)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9)
                """, [s.cui, s.certSHA256, s.cnp, s.nume, s.email, s.role.rawValue, s.state.rawValue, when, s.decidedBy])
        }
        if inTransaction { try body() } else { try db.transaction(body) }
    }

    /// A new version of the current one with one field changed (`set` is a fixed SQL fragment).
    private func change(cui: String, sha: String, at when: String, decidedBy: String, _ set: () -> String) throws {
        let rows = try db.exec("""
            UPDATE signer_versions SET valid_to = $3::timestamptz WHERE cui = $1 AND cert_sha256 = $2 AND valid_to IS NULL
            RETURNING id
            """, [cui, sha, when])
        guard let id = rows.first?.int("id") else { return }
        try db.exec("""
            INSERT INTO signer_versions (cui, cert_sha256, cnp, nume, email, rol, stare, valid_from, decided_by)
            SELECT cui, cert_sha256, cnp, nume, email, rol, stare, $2::timestamptz, $3 FROM signer_versions WHERE id = $1
            """, ["\(id)", when, decidedBy])
        try db.exec("UPDATE signer_versions SET \(set()) WHERE cui = $1 AND cert_sha256 = $2 AND valid_to IS NULL", [cui, sha])
    }

    public func current(cui: String, sha: String) throws -> Signer? {
        try db.exec("SELECT *, extract(epoch FROM valid_from) AS f, extract(epoch FROM valid_to) AS t FROM signer_versions WHERE cui = $1 AND cert_sha256 = $2 AND valid_to IS NULL",
                    [cui, sha]).first.flatMap(SignerStore.signer)
    }

    /// A decision on an existing signer: accept (pending → active), reject (pending → revoked), remove (→ revoked).
    public func decide(cui: String, sha: String, to state: State, requirePending: Bool, at: Date?, decidedBy: String) throws {
        try db.transaction {
            try RegistryLock.exclusiveInTransaction(db)
            guard var s = try current(cui: cui, sha: sha) else { throw Refusal.unknown(cui, sha) }
            if requirePending && s.state != .pending { throw Refusal.notPending(s.state.rawValue) }
            s.state = state
            // The legal representative decides; the record names them as they were then.
            let representative = try db.exec("""
                SELECT nume FROM signer_versions WHERE cui = $1 AND valid_to IS NULL AND rol = 'REPREZENTANT_LEGAL' AND stare = 'ACTIV'
                """, [cui]).first?["nume"]
            s.decidedBy = representative.map { "\(decidedBy) (reprezentant legal: \($0))" } ?? decidedBy
            try record(s, at: at, inTransaction: true)
        }
    }

    /// Whether this certificate could sign for this CUI at that moment.
    public func isActive(cui: String, sha: String, at: Date) throws -> Bool { try db.run(SignerStore.isActive(cui: cui, sha: sha, at: at)) }

    public static func isActive(cui: String, sha: String, at: Date) -> Query<Bool> {
        Query(Statement("""
            SELECT 1 FROM signer_versions WHERE cert_sha256 = $1 AND cui = $2 AND stare = 'ACTIV'
              AND valid_from <= $3::timestamptz AND (valid_to IS NULL OR valid_to > $3::timestamptz)
            """, [sha, cui, Timestamps.sql(at)])) { $0.count > 0 }
    }

    /// Every version of a provider's signers, oldest first.
    public func history(cui: String) throws -> [Signer] {
        try db.exec("SELECT *, extract(epoch FROM valid_from) AS f, extract(epoch FROM valid_to) AS t FROM signer_versions WHERE cui = $1 ORDER BY cert_sha256, valid_from, id",
                    [cui]).compactMap(SignerStore.signer)
    }

    static func signer(_ r: Row) -> Signer? {
        guard let cui = r["cui"], let sha = r["cert_sha256"], let nume = r["nume"], let role = r["rol"].flatMap(Role.init(rawValue:)),
              let state = r["stare"].flatMap(State.init(rawValue:)), let from = Timestamps.fromEpoch(r["f"]) else { return nil }
        return Signer(cui: cui, certSHA256: sha, cnp: r["cnp"], nume: nume, email: r["email"], role: role, state: state,
                      from: from, until: Timestamps.fromEpoch(r["t"]), decidedBy: r["decided_by"] ?? "")
    }
}

/// Trust anchors and CRLs, as loaded by `ccm trust add`.
public struct TrustStore {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    public enum Kind: String { case anchor = "ANCORA", crl = "CRL" }

    @discardableResult
    public func add(kind: Kind, der: Data, sha256: String, subject: String) throws -> Bool {
        try db.exec("""
            INSERT INTO trust_material (sha256, kind, der, subject) VALUES ($1, $2, decode($3, 'base64'), $4)
            ON CONFLICT (sha256) DO NOTHING RETURNING sha256
            """, [sha256, kind.rawValue, der.base64EncodedString(), subject]).count > 0
    }

    public func all() throws -> [(kind: Kind, sha256: String, subject: String, der: Data)] {
        try db.exec("SELECT kind, sha256, subject, encode(der, 'base64') AS der FROM trust_material ORDER BY kind, subject").compactMap { r in
            guard let k = r["kind"].flatMap(Kind.init(rawValue:)), let sha = r["sha256"], let s = r["subject"],
                  let d = r["der"].flatMap({ Data(base64Encoded: $0, options: .ignoreUnknownCharacters) }) else { return nil }
            return (k, sha, s, d)
        }
    }
}
