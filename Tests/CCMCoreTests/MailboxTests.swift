import XCTest
@testable import CCMCore

/// One RFC 5321 mailbox per address (04-outputs.md §2; 06 "Security and privacy"): what would
/// add a header, a second recipient or a second SMTP command is refused, ordinary addresses pass.
final class MailboxTests: XCTestCase {

    func testOrdinaryAddressesPass() throws {
        for text in ["cabinet@exemplu.ro", "dr.ion.popescu@cmi-popescu.ro", "raportari+ccm@cas-tm.ro",
                     "o'brien@example.co.uk", "a_b-c=d@x1.example", "x@xn--clinic-8xa.ro",
                     String(repeating: "a", count: 64) + "@" + String(repeating: "b", count: 63) + ".ro"] {
            XCTAssertNil(Mailbox.problem(text), text)
            XCTAssertEqual(try Mailbox(text).address, text)
            XCTAssertEqual(try Mailbox(text).description, text)
        }
    }

    func testHeaderAndCommandInjectionIsRefused() {
        XCTAssertEqual(Mailbox.problem("victim@example.ro\r\nBcc:attacker@evil.example"), .lineBreak)
        XCTAssertEqual(Mailbox.problem("victim@example.ro\nBcc:attacker@evil.example"), .lineBreak)
        XCTAssertEqual(Mailbox.problem("victim@example.ro\rRCPT TO:<attacker@evil.example>"), .lineBreak)
        XCTAssertEqual(Mailbox.problem("victim@example.ro\u{85}x"), .lineBreak)
        XCTAssertEqual(Mailbox.problem("victim@example.ro\u{2028}x"), .lineBreak)
    }

    func testTwoAddressesAreRefused() {
        XCTAssertEqual(Mailbox.problem("a@example.ro,b@evil.example"), .severalAddresses)
        XCTAssertEqual(Mailbox.problem("a@example.ro;b@evil.example"), .severalAddresses)
        XCTAssertEqual(Mailbox.problem("evil,victim@example.ro"), .severalAddresses)
        XCTAssertEqual(Mailbox.problem("a@example.ro b@evil.example"), .space)
        XCTAssertEqual(Mailbox.problem("a@b@example.ro"), .notOneAt)
    }

    func testAngleBracketsAndDisplayNamesAreRefused() {
        XCTAssertEqual(Mailbox.problem("<a@example.ro>"), .angleBracket)
        XCTAssertEqual(Mailbox.problem("evil.example>,<victim@example.ro"), .angleBracket)
        XCTAssertEqual(Mailbox.problem("\"Ion Pop\" <ion@example.ro>"), .angleBracket)
        XCTAssertEqual(Mailbox.problem("Ion Pop ion@example.ro"), .space)
        XCTAssertEqual(Mailbox.problem("\"ion\"@example.ro"), .localPart, "quoted local parts are not taken")
    }

    func testLengthLimits() {
        let local65 = String(repeating: "a", count: 65) + "@example.ro"
        XCTAssertEqual(Mailbox.problem(local65), .localPartTooLong)
        let long = "a@" + Array(repeating: String(repeating: "b", count: 60), count: 5).joined(separator: ".") + ".ro"
        XCTAssertGreaterThan(long.utf8.count, 254)
        XCTAssertEqual(Mailbox.problem(long), .tooLong)
        let c300 = String(repeating: "x", count: 290) + "@example.ro"
        XCTAssertEqual(Mailbox.problem(c300), .tooLong)
        let label64 = "a@" + String(repeating: "b", count: 64) + ".ro"
        XCTAssertEqual(Mailbox.problem(label64), .domain)
    }

    func testEmptyAndMalformed() {
        XCTAssertEqual(Mailbox.problem(""), .empty)
        XCTAssertEqual(Mailbox.problem("cabinet"), .notOneAt)
        XCTAssertEqual(Mailbox.problem("@example.ro"), .localPart)
        XCTAssertEqual(Mailbox.problem("a@"), .domain)
        XCTAssertEqual(Mailbox.problem("a@localhost"), .domain)
        XCTAssertEqual(Mailbox.problem("a@[127.0.0.1]"), .domain)
        XCTAssertEqual(Mailbox.problem("a@1.2.3.4"), .domain)
        XCTAssertEqual(Mailbox.problem("a@-x.ro"), .domain)
        XCTAssertEqual(Mailbox.problem("a@x..ro"), .domain)
        XCTAssertEqual(Mailbox.problem(".a@x.ro"), .localPart)
        XCTAssertEqual(Mailbox.problem("a..b@x.ro"), .localPart)
        XCTAssertEqual(Mailbox.problem("a(b)@x.ro"), .localPart)
        XCTAssertEqual(Mailbox.problem("a@x_y.ro"), .domain)
    }

    func testControlAndInvisibleCharactersAreRefused() {
        for s in ["a\u{0}@x.ro", "a\u{7}@x.ro", "a\u{1B}@x.ro", "a\u{7F}@x.ro", "a\u{9B}@x.ro",
                  "a@x.ro\u{202E}", "a\u{200B}@x.ro", "\u{FEFF}a@x.ro", "a@x.ro\u{2066}"] {
            XCTAssertEqual(Mailbox.problem(s), .controlCharacter, s.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
        }
        XCTAssertEqual(Mailbox.problem("a\tb@x.ro"), .controlCharacter)
        XCTAssertEqual(Mailbox.problem("a\u{A0}b@x.ro"), .space)
        XCTAssertEqual(Mailbox.problem("ștefan@x.ro"), .nonASCII)
        XCTAssertEqual(Mailbox.problem("a@clinică.ro"), .nonASCII)
    }

    func testEveryProblemIsOneRomanianLineWithoutTheValue() {
        let all: [Mailbox.Problem] = [.empty, .lineBreak, .controlCharacter, .angleBracket, .severalAddresses, .space, .nonASCII,
                                      .notOneAt, .tooLong, .localPartTooLong, .localPart, .domain]
        for p in all {
            XCTAssertFalse(p.description.contains("\n"))
            XCTAssertTrue(p.description.contains("adres") || p.description.contains("domeniu"), p.description)
        }
    }
}
