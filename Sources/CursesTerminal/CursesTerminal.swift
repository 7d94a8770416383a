// The CursesTerminal module; see README.md for the layering.
