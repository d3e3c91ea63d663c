"""Bookmarks, highlights and notes in the window: panels, editor, browser, menu."""
