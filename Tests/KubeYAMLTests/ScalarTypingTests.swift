import APIMachinery
import Testing

@testable import KubeYAML

@Suite struct ScalarTypingTests {
  func value(_ scalar: String) throws -> JSONValue? {
    try YAMLParser().parse("v: \(scalar)\n", file: "s.yaml").first?.value["v"]
  }

  @Test(arguments: [
    ("null", JSONValue.null), ("~", .null), ("Null", .null), ("NULL", .null), ("", .null),
    ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)), ("yes", .bool(true)),
    ("Yes", .bool(true)), ("ON", .bool(true)), ("y", .bool(true)), ("Y", .bool(true)),
    ("false", .bool(false)), ("no", .bool(false)), ("NO", .bool(false)), ("off", .bool(false)),
    ("n", .bool(false)), ("Off", .bool(false)),
    ("0", .int(0)), ("42", .int(42)), ("-17", .int(-17)), ("+5", .int(5)),
    ("1_000", .int(1000)), ("0x1F", .int(31)), ("-0x10", .int(-16)), ("0o17", .int(15)),
    ("017", .int(15)), ("0b101", .int(5)), ("9223372036854775807", .int(.max)),
    ("-9223372036854775808", .int(.min)),
    ("18446744073709551615", .double(18_446_744_073_709_551_615)),
    ("1.5", .double(1.5)), ("-2.5e3", .double(-2500)), (".5", .double(0.5)), ("08", .double(8)),
    ("1e3", .double(1000)), ("3.", .double(3)),
  ])
  func plainScalarsAreTyped(_ input: String, _ expected: JSONValue) throws {
    #expect(try value(input) == expected)
  }

  @Test(arguments: [
    "yEs", "TRue", "nULL", "1.2.3", "0x", "0xZZ", "12abc", "1_2_3a", "+", ".", "1e", "+-1",
    "2001-12-14", "12:30", "inf", "nan", "Infinity", "~~", "0b102", "1,000",
  ])
  func otherPlainScalarsStayStrings(_ input: String) throws {
    #expect(try value(input) == .string(input))
  }

  @Test func specialFloats() throws {
    for text in [".inf", ".Inf", ".INF", "+.inf"] {
      #expect(try value(text) == .double(.infinity))
    }
    #expect(try value("-.INF") == .double(-.infinity))
    for text in [".nan", ".NaN", ".NAN"] {
      guard case .double(let number) = try value(text) else {
        Issue.record("\(text) is not a double")
        continue
      }
      #expect(number.isNaN)
    }
  }

  @Test func quotedAndBlockScalarsAreStrings() throws {
    #expect(try value("\"true\"") == "true")
    #expect(try value("'42'") == "42")
    #expect(try value("\"\"") == "")
    #expect(try value("'null'") == "null")
    #expect(try value("|\n  5\n") == "5\n")
  }

  @Test func tagsAreHonoured() throws {
    #expect(try value("!!str 123") == "123")
    #expect(try value("!!str true") == "true")
    #expect(try value("!!int \"12\"") == .int(12))
    #expect(try value("!!float 3") == .double(3))
    #expect(try value("!!bool \"yes\"") == .bool(true))
    #expect(try value("!!null whatever") == .null)
    #expect(try value("!custom 7") == .int(7))
    #expect(try value("! 7") == "7")
    #expect(try value("!!binary aGk=") == "aGk=")
  }

  @Test func wrongTaggedValueFailsWithPlace() {
    let error = #expect(throws: YAMLError.self) {
      try YAMLParser().parse("a: 1\nb: !!int five\n", file: "tag.yaml")
    }
    #expect(error?.line == 2)
    #expect(error?.column == 4)
    #expect(error?.reason.contains("!!int") == true)
  }
}
