"""The window around the parts: main window, menus and shortcuts, the QApplication and
the ``--screenshot`` run. The only ui subpackage that knows every other."""
