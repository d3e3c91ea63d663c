"""The reading pane: the rendered document, find in page, search hits, the outline."""
