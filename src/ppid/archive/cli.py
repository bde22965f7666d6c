"""Helpers shared by the archive's console commands."""

from __future__ import annotations

import signal
import sys

from django.utils.translation import gettext as _
from tqdm import tqdm


class StopFlag:
    """First Ctrl-C: finish the current file, then stop cleanly. Second Ctrl-C: stop at once."""

    def __init__(self):
        self.requested = False
        self._previous = None

    def __enter__(self):
        try:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not in the main thread: keep Python's default
            self._previous = None
        return self

    def __exit__(self, *exc):
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
        return False

    def _handle(self, signum, frame):
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        tqdm.write(_("Stopping after the current file… (Ctrl-C again to stop at once)"),
                   file=sys.stderr)
