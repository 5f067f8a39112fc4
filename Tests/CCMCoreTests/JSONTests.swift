import Foundation
import XCTest
@testable import CCMCore

/// The one JSON writer: keys in the order given, ", " and ": " between items, RFC 8259 escapes.
final class JSONTests: XCTestCase {
    func testTheBytesItWrites() {
        let value = JSON.object([("z", .string("ghilimele \" bară \\ rând\nnou\ttab\r\u{01}ș")), ("a", .int(-3)), ("n", .null),
                                 ("b", .bool(true)), ("l", .array([.str(nil), .str("x"), .array([]), .object([])]))])
        XCTAssertEqual(value.serialized(),
                       #"{"z": "ghilimele \" bară \\ rând\nnou\ttab\r\u0001ș", "a": -3, "n": null, "b": true, "l": [null, "x", [], {}]}"#)
    }

    func testAnErrorObjectHasPositionsOnlyWhereKnown() {
        XCTAssertEqual(JSON.error(Finding(code: "F01", severity: .eroare, message: "m", line: 3, column: nil)).serialized(),
                       #"{"code": "F01", "severity": "EROARE", "message": "m", "line": 3}"#)
    }
}
