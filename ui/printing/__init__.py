"""Printing: what goes on paper (:mod:`ui.printing.jobs`) and the thread that prints it
(:mod:`ui.printing.service`)."""
