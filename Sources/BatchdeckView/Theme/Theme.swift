import Foundation

/// A complete mapping from roles to cell styles.
public struct Theme: Sendable, Equatable {
  public var name: String
  public private(set) var styles: [ThemeRole: CellStyle]

  public init(name: String, styles: [ThemeRole: CellStyle]) {
    self.name = name
    self.styles = styles
  }

  /// The style of `role`; a theme always has every role (missing ones come from the default).
  public subscript(role: ThemeRole) -> CellStyle {
    styles[role] ?? Theme.defaultStyles[role] ?? .plain
  }

  /// The same theme with attributes only. Statuses that differ by colour alone look the same
  /// here; terminals without colour get `Theme.monochrome` instead.
  public var withoutColor: Theme {
    Theme(
      name: name,
      styles: styles.mapValues {
        CellStyle(
          foreground: .terminalDefault, background: .terminalDefault, attributes: $0.attributes)
      })
  }
}
