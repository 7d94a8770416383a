import Foundation
import Testing

@testable import BatchdeckView

@Suite struct ThemeTests {
  static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")

  @Test func defaultFileMatchesCompiledDefault() throws {
    let theme = try ThemeLoader.load(
      path: Self.themesFolder.appendingPathComponent("default.json").path)
    #expect(theme == Theme.default)
    let text = try String(
      contentsOf: Self.themesFolder.appendingPathComponent("default.json"), encoding: .utf8)
    #expect(text == ThemeLoader.encode(.default))
  }

  @Test func monochromeFileMatchesCompiledMonochrome() throws {
    let file = Self.themesFolder.appendingPathComponent("monochrome.json")
    #expect(try ThemeLoader.load(path: file.path) == Theme.monochrome)
    #expect(try String(contentsOf: file, encoding: .utf8) == ThemeLoader.encode(.monochrome))
  }

  @Test func compiledThemesAreFoundWithoutAnyFolder() throws {
    let missing = NSTemporaryDirectory() + "batchdeck-no-themes-\(UUID().uuidString)"
    #expect(try ThemeLoader.find("monochrome", in: [missing]) == Theme.monochrome)
    #expect(try ThemeLoader.find("default", in: [missing]) == Theme.default)
    #expect(ThemeRole.allCases.allSatisfy { Theme.monochrome.styles[$0] != nil })
  }

  @Test func everyShippedThemeLoadsWithEveryRole() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder.path)
      .filter { $0.hasSuffix(".json") }
    #expect(files.count >= 3)
    for file in files {
      let theme = try ThemeLoader.load(path: Self.themesFolder.appendingPathComponent(file).path)
      #expect(ThemeRole.allCases.allSatisfy { theme.styles[$0] != nil }, "\(file)")
    }
  }

  @Test(arguments: [
    (#"{"version":1,"name":"x","roles":{"nope":{}}}"#, #"unknown role "nope""#),
    (#"{"version":9,"name":"x","roles":{}}"#, "version 9 is newer"),
    (#"{"version":1,"name":"x","roles":{"row":{"fg":"pink"}}}"#, #"row: unknown colour "pink""#),
    (#"{"version":1,"name":"x","roles":{"row":{"attrs":["blink"]}}}"#, "unknown attribute"),
    (#"{"name":"x","roles":{}}"#, #"missing "version""#),
    ("not json", "invalid JSON"),
  ])
  func invalidThemesNameTheProblem(json: String, expected: String) {
    do {
      _ = try ThemeLoader.decode(Data(json.utf8), file: "bad.json")
      Issue.record("accepted an invalid theme")
    } catch {
      #expect(error.description.contains(expected), "\(error.description)")
      #expect(error.description.hasPrefix("theme bad.json"))
    }
  }

  @Test func problemsNameTheLineOfTheirKey() {
    let json = """
      {
        "version": 1,
        "name": "sunset",
        "roles": {
          "header": { "fg": "black", "bg": "yellow" },
          "row": {
            "fg": "white",
            "bg": "mauve"
          },
          "status.failed": { "fg": "red", "attrs": ["bold"] }
        }
      }
      """
    do {
      _ = try ThemeLoader.decode(Data(json.utf8), file: "sunset.json")
      Issue.record("accepted an unknown colour")
    } catch {
      #expect(error.line == 8)
      #expect(error.description == #"theme sunset.json line 8: row: unknown colour "mauve""#)
    }
    let attribute = json.replacingOccurrences(of: "mauve", with: "black")
      .replacingOccurrences(of: "bold", with: "flashing")
    do {
      _ = try ThemeLoader.decode(Data(attribute.utf8), file: "sunset.json")
      Issue.record("accepted an unknown attribute")
    } catch {
      #expect(error.line == 10)
      #expect(error.reason.contains("flashing"))
    }
    let role = attribute.replacingOccurrences(of: "status.failed", with: "status.broken")
    do {
      _ = try ThemeLoader.decode(Data(role.utf8), file: "sunset.json")
      Issue.record("accepted an unknown role")
    } catch {
      #expect(error.line == 10)
      #expect(error.reason == #"unknown role "status.broken""#)
    }
  }

  @Test func unknownThemeNameListsKnownOnes() {
    do {
      _ = try ThemeLoader.find("nosuch", in: [Self.themesFolder.path])
      Issue.record("found a theme that does not exist")
    } catch {
      #expect(error.reason.contains("known themes: "))
      #expect(error.reason.contains("monochrome"))
    }
  }

  @Test func monochromeHasNoColours() throws {
    let theme = try ThemeLoader.find("monochrome", in: [Self.themesFolder.path])
    #expect(
      theme.styles.values.allSatisfy {
        $0.foreground == .terminalDefault && $0.background == .terminalDefault
      })
    #expect(theme[.rowSelected].attributes.contains(.reverse))
  }
}
