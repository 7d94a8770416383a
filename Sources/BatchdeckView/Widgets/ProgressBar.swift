/// A horizontal bar drawn with block eighths: `██████▍   `.
public enum ProgressBar {
  static let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  /// The bar text for `fraction` (0…1) in `width` cells, padded with spaces.
  public static func text(fraction: Double, width: Int) -> String {
    guard width > 0 else { return "" }
    let clamped = min(1, max(0, fraction.isFinite ? fraction : 0))
    let eighths = Int((clamped * Double(width * 8)).rounded(.down))
    let full = eighths / 8
    var bar = String(repeating: "█", count: full)
    if full < width {
      bar += partials[eighths % 8]
      bar += String(repeating: " ", count: width - full - (eighths % 8 == 0 ? 0 : 1))
    }
    return bar
  }
}
