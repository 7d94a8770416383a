import BatchdeckModel
import Foundation

extension DashboardScreen {
  /// Draws the events view or the picker over the body, when open.
  func drawNavigation(into canvas: inout Canvas, area: Rect, now: Date) {
    if let events = state.navigation.events {
      EventsOverlay(view: events, snapshot: snapshot)
        .draw(into: &canvas, area: area, theme: theme, now: now)
    }
    if let picker = state.navigation.picker {
      PickerDialog(picker: picker).draw(into: &canvas, area: area, theme: theme)
    }
  }
}
