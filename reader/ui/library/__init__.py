"""The library tree and importing files into the library from the window."""
