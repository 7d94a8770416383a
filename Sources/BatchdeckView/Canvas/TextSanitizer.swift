/// Makes text from the cluster safe to draw: no control characters reach the terminal.
public enum TextSanitizer {
  /// Replaces C0 and C1 controls, DEL and lone format characters with visible stand-ins:
  /// a tab becomes a space, other controls `?`.
  public static func clean(_ text: String) -> String {
    var needsWork = false
    for scalar in text.unicodeScalars where isControl(scalar) {
      needsWork = true
      break
    }
    guard needsWork else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar == "\t" {
        result.append(" ")
      } else if isControl(scalar) {
        result.append("?")
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
      || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
  }
}
