// The BatchdeckSync module; see README.md for the layering.
