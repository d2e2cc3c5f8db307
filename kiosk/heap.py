"""The interpreter's heap after start-up: kept out of the cyclic collector's full passes.

A full (oldest-generation) pass of Python's cycle collector walks every
object the process holds. After start-up that is the whole kiosk: Qt
wrappers, screens, translations, modules, some 50,000 objects (the demo
kiosk's log says how many), and one pass over them takes about 27 ms here.
Whichever thread runs it holds the interpreter lock meanwhile, so the GUI
thread cannot answer a tap for that long; on the sync bench such passes came
every few seconds while a backlog drained. Once Home is interactive,
:func:`settle` collects once and moves everything alive into the
collector's permanent generation (``gc.freeze``): later full passes walk
only what was made since, a visitor's tickets and a sync batch's
dictionaries, which are few.

What start-up built lives as long as the process, so nothing is lost by
never walking it again; garbage made later is collected as before.
"""

from __future__ import annotations

import gc
import time


def settle() -> float:
    """Collect once, then freeze what is alive; returns the milliseconds it took."""
    started = time.perf_counter()
    gc.collect()
    gc.freeze()
    return (time.perf_counter() - started) * 1000.0


def frozen() -> int:
    """How many objects the collector no longer walks."""
    return gc.get_freeze_count()
