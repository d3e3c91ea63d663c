"""What every part of the window stands on: background tasks, the backend the window
receives, the index bookkeeping of tree models, the status bar, theme colours."""
