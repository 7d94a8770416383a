import Foundation

/// How serious a flash message is; the view picks its colour from this.
public enum FlashLevel: String, Sendable, Hashable {
  case info, warning, error
}

/// A one-line message above the footer that clears itself at `expires`.
public struct Flash: Sendable, Hashable {
  public var text: String
  public var level: FlashLevel
  public var expires: Date

  /// How long a flash of each level stays, in seconds.
  public static func lifetime(of level: FlashLevel) -> TimeInterval {
    switch level {
    case .info: 4
    case .warning: 5
    case .error: 8
    }
  }

  /// A flash shown from `now` for its level's lifetime.
  public init(_ text: String, level: FlashLevel, now: Date) {
    self.text = text
    self.level = level
    expires = now.addingTimeInterval(Self.lifetime(of: level))
  }
}
