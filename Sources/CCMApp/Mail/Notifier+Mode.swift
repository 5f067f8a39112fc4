import CCMCore
import CCMPublishing
import Foundation

extension Notifier.Mode {
    /// The mode a run's settings ask for: written as files into `dryRun`, else sent over the
    /// configured SMTP server from the configured sender (each refused naming its option).
    public static func configured(_ settings: Settings, dryRun: String?) throws -> Notifier.Mode {
        if let dir = dryRun { return .dryRun(URL(fileURLWithPath: dir)) }
        guard let url = settings.smtpURL else { throw AppError.usage("lipsește --smtp smtp://gazdă:port (sau smtp în ccm.toml)") }
        guard let text = settings.mailFrom else { throw AppError.usage("lipsește --from ADRESĂ (sau from în ccm.toml)") }
        if let problem = Mailbox.problem(text) { throw AppError.usage("--from (sau from în ccm.toml): \(problem)") }
        return .send(SMTPSender(url: url), from: try Mailbox(text))
    }
}
