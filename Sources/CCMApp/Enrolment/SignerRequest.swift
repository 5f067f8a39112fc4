import CCMCore
import CCMSignature
import CCMStore
import Foundation

/// Who asks to sign for a provider: a legal representative (active at once) or a user.
public typealias SignerRole = SignerStore.Role

/// `ccm signers request`: a request checked whole before the database is opened, then recorded.
public struct SignerRequest {
    public let cui: String
    public let certSHA256: String
    public let role: SignerRole
    let cnp: String, nume: String, email: String, at: Date?

    /// The state the request starts in: a legal representative is active at once.
    public var state: String { role == .legal ? "ACTIV" : "IN_ASTEPTARE" }

    public init(cui: String, certFile: String, cnp: String, nume: String, email: String, role: SignerRole, at: Date?) throws {
        guard let c = CUI(cui), c.hasValidControlDigit else { throw AppError.usage("--cui \(cui) invalid") }
        guard CNP.isValid(cnp) else { throw AppError.usage("--cnp invalid") }
        if let p = Mailbox.problem(email) { throw AppError.usage("--email: \(p)") }
        guard let data = FileManager.default.contents(atPath: certFile), let id = TrustFile.certificateSHA256(data) else {
            throw AppError.usage("--cert \(certFile): nu este un certificat")
        }
        self.cui = c.digits; self.certSHA256 = id.sha256; self.role = role
        self.cnp = cnp; self.nume = nume; self.email = email; self.at = at
    }

    public func record(_ db: Connection) throws {
        try SignerDecision.refusedAsUsage {
            try SignerStore(db).record(.init(cui: cui, certSHA256: certSHA256, cnp: cnp, nume: nume, email: email, role: role,
                                             state: role == .legal ? .active : .pending, from: at ?? Date(), until: nil,
                                             decidedBy: "cerere"), at: at)
        }
    }
}
