"""One module per visitor screen; navigation lives in :mod:`ui.main_window`."""
