#ifndef CNCURSESW_H
#define CNCURSESW_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Wrappers for what Swift cannot reach directly: global state (stdscr, COLORS, COLOR_PAIRS),
// function-like macros (getmaxyx, A_*), and signal handling, which must live in C.
// Every function is prefixed `cnc_`.

/// The standard screen of the current terminal.
WINDOW *cnc_stdscr(void);

/// Writes the size of `win` to `rows` and `columns` (the getmaxyx macro).
void cnc_getmaxyx(WINDOW *win, int *rows, int *columns);

/// Colours and colour pairs the terminal supports (the COLORS and COLOR_PAIRS globals).
int cnc_colors(void);
int cnc_color_pairs(void);

/// Attribute bits (the A_* macros).
attr_t cnc_attr_normal(void);
attr_t cnc_attr_bold(void);
attr_t cnc_attr_underline(void);
attr_t cnc_attr_reverse(void);
attr_t cnc_attr_dim(void);

/// Fills `cell` from a NUL-terminated wide string, attributes and an extended colour pair.
int cnc_set_cell(cchar_t *cell, const wchar_t *text, attr_t attributes, int pair);

/// Display width of one wide character in the current locale (wcwidth).
int cnc_wcwidth(wchar_t character);

/// 1 when both stdin and stdout are terminals.
int cnc_stdio_is_terminal(void);

/// Starts curses on stdin/stdout with newterm, so a bad TERM returns NULL instead of exiting.
/// Saves the terminal modes and installs the handlers first: SIGINT, SIGTERM, SIGHUP set the
/// pending flag; SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE restore the terminal with
/// async-signal-safe calls, then re-raise. Registers an atexit hook that calls endwin.
/// On failure the handlers are removed again and NULL is returned.
SCREEN *cnc_start(void);

/// The last terminating signal received (SIGINT, SIGTERM or SIGHUP), or 0.
int cnc_signals_pending(void);

/// 1 between a successful cnc_start and the terminal being restored.
int cnc_is_active(void);

/// Restores the terminal once: endwin, then the previous signal handlers. Idempotent.
void cnc_teardown(SCREEN *screen);

/// Resets `signal_number` to its default action, unblocks and raises it. If the process
/// survives that, exits with status 128 + `signal_number`.
__attribute__((noreturn)) void cnc_raise_default(int signal_number);

/// Turns mouse reports on (button 1 press and the wheel) or off; returns 1 when the
/// terminal can report the mouse.
int cnc_mouse_enable(int on);

/// Reads the pending mouse event after KEY_MOUSE: its cell, and 1 for a button-1 press,
/// 4 for wheel up, 5 for wheel down, 0 for anything else. Returns 0 when there was none.
int cnc_mouse_read(int *column, int *row, int *button);

/// The key code ncurses returns for a mouse event (KEY_MOUSE).
int cnc_key_mouse(void);

#endif
