#define _XOPEN_SOURCE 700
#include "CNcursesw.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <term.h>
#include <unistd.h>

WINDOW *cnc_stdscr(void) { return stdscr; }

// term.h defines the capability names `lines` and `columns` as macros, so avoid those words.
void cnc_getmaxyx(WINDOW *win, int *row_count, int *column_count) {
  int y = 0;
  int x = 0;
  if (win != NULL) {
    getmaxyx(win, y, x);
  }
  *row_count = y;
  *column_count = x;
}

int cnc_colors(void) { return COLORS; }
int cnc_color_pairs(void) { return COLOR_PAIRS; }

attr_t cnc_attr_normal(void) { return A_NORMAL; }
attr_t cnc_attr_bold(void) { return A_BOLD; }
attr_t cnc_attr_underline(void) { return A_UNDERLINE; }
attr_t cnc_attr_reverse(void) { return A_REVERSE; }
attr_t cnc_attr_dim(void) { return A_DIM; }

int cnc_set_cell(cchar_t *cell, const wchar_t *text, attr_t attributes, int pair) {
  // ncurses reads the extended pair number from the last argument.
  return setcchar(cell, text, attributes, 0, &pair);
}

int cnc_wcwidth(wchar_t character) { return wcwidth(character); }

int cnc_stdio_is_terminal(void) { return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO); }

// State shared with the signal handlers. Written on the main thread before the handlers are
// installed, then only read there, except the two flags.
static volatile sig_atomic_t pending_signal = 0;
static volatile sig_atomic_t terminal_restored = 1;
static struct termios saved_modes;
static int have_saved_modes = 0;
static char reset_sequence[512];
static size_t reset_length = 0;

static const int terminating_signals[] = {SIGINT, SIGTERM, SIGHUP};
static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
#define TERMINATING_COUNT (sizeof(terminating_signals) / sizeof(terminating_signals[0]))
#define FATAL_COUNT (sizeof(fatal_signals) / sizeof(fatal_signals[0]))
static struct sigaction previous_terminating[TERMINATING_COUNT];
static struct sigaction previous_fatal[FATAL_COUNT];
static int handlers_installed = 0;
static int atexit_registered = 0;

static void append_capability(const char *name) {
  const char *value = tigetstr(name);
  if (value == NULL || value == (const char *)-1) {
    return;
  }
  size_t length = strlen(value);
  if (reset_length + length >= sizeof(reset_sequence)) {
    return;
  }
  memcpy(reset_sequence + reset_length, value, length);
  reset_length += length;
}

// Async-signal-safe restore: only tcsetattr and write, both on the POSIX safe list.
// endwin is not safe, so this is what the fatal path does instead.
static void restore_from_signal(void) {
  if (terminal_restored) {
    return;
  }
  terminal_restored = 1;
  if (reset_length > 0) {
    ssize_t ignored = write(STDOUT_FILENO, reset_sequence, reset_length);
    (void)ignored;
  }
  if (have_saved_modes) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved_modes);
  }
}

static void restore_previous_action(int signal_number) {
  for (size_t i = 0; i < FATAL_COUNT; i++) {
    if (fatal_signals[i] == signal_number) {
      sigaction(signal_number, &previous_fatal[i], NULL);
      return;
    }
  }
  for (size_t i = 0; i < TERMINATING_COUNT; i++) {
    if (terminating_signals[i] == signal_number) {
      struct sigaction fallback;
      memset(&fallback, 0, sizeof(fallback));
      fallback.sa_handler = SIG_DFL;
      sigaction(signal_number, &fallback, NULL);
      return;
    }
  }
}

static void on_fatal_signal(int signal_number) {
  restore_from_signal();
  // Hand the signal to whoever had it before (the Swift runtime's backtracer, or the default
  // action). It stays blocked until this handler returns, then it is delivered again.
  restore_previous_action(signal_number);
  raise(signal_number);
}

static void on_terminating_signal(int signal_number) {
  if (pending_signal != 0) {
    // A second request while the app has not exited yet: give up on the clean path.
    on_fatal_signal(signal_number);
    return;
  }
  pending_signal = signal_number;
}

static void at_exit(void) {
  if (!terminal_restored) {
    terminal_restored = 1;
    endwin();
  }
}

static void install_handlers(void) {
  struct sigaction action;
  memset(&action, 0, sizeof(action));
  sigemptyset(&action.sa_mask);
  // No SA_RESTART: a terminating signal interrupts the blocking key read, so the loop sees it.
  action.sa_handler = on_terminating_signal;
  for (size_t i = 0; i < TERMINATING_COUNT; i++) {
    sigaction(terminating_signals[i], &action, &previous_terminating[i]);
  }
  action.sa_handler = on_fatal_signal;
  for (size_t i = 0; i < FATAL_COUNT; i++) {
    sigaction(fatal_signals[i], &action, &previous_fatal[i]);
  }
  handlers_installed = 1;

  if (!atexit_registered) {
    atexit_registered = 1;
    atexit(at_exit);
  }
}

static void uninstall_handlers(void) {
  if (!handlers_installed) {
    return;
  }
  handlers_installed = 0;
  for (size_t i = 0; i < TERMINATING_COUNT; i++) {
    sigaction(terminating_signals[i], &previous_terminating[i], NULL);
  }
  for (size_t i = 0; i < FATAL_COUNT; i++) {
    sigaction(fatal_signals[i], &previous_fatal[i], NULL);
  }
}

SCREEN *cnc_start(void) {
  have_saved_modes = tcgetattr(STDIN_FILENO, &saved_modes) == 0;
  pending_signal = 0;

  // Installed before newterm, so ncurses leaves SIGINT and SIGTERM to us.
  install_handlers();
  SCREEN *screen = newterm(NULL, stdout, stdin);
  if (screen == NULL) {
    uninstall_handlers();
    return NULL;
  }
  set_term(screen);

  reset_length = 0;
  append_capability("sgr0");
  append_capability("cnorm");
  append_capability("rmkx");
  append_capability("rmcup");
  terminal_restored = 0;
  return screen;
}

int cnc_signals_pending(void) { return pending_signal; }

int cnc_is_active(void) { return !terminal_restored; }

void cnc_teardown(SCREEN *screen) {
  if (!terminal_restored) {
    terminal_restored = 1;
    endwin();
  }
  uninstall_handlers();
  if (screen != NULL) {
    delscreen(screen);
  }
}

void cnc_raise_default(int signal_number) {
  struct sigaction action;
  memset(&action, 0, sizeof(action));
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  sigaction(signal_number, &action, NULL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, signal_number);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(signal_number);

  // Only reached for a signal whose default action does not end the process.
  _exit(128 + signal_number);
}

int cnc_mouse_enable(int on) {
  mmask_t wanted = on ? (BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED) : 0;
  mmask_t granted = mousemask(wanted, NULL);
  if (on) {
    // Report presses at once rather than waiting to tell clicks from double clicks.
    mouseinterval(0);
  }
  return on && granted != 0;
}

int cnc_mouse_read(int *column, int *row, int *button) {
  MEVENT event;
  if (getmouse(&event) != OK) {
    return 0;
  }
  *column = event.x;
  *row = event.y;
  if (event.bstate & BUTTON1_PRESSED) {
    *button = 1;
  } else if (event.bstate & BUTTON4_PRESSED) {
    *button = 4;
#ifdef BUTTON5_PRESSED
  } else if (event.bstate & BUTTON5_PRESSED) {
    *button = 5;
#endif
  } else {
    *button = 0;
  }
  return 1;
}

int cnc_key_mouse(void) { return KEY_MOUSE; }
