"""The switch interval is lowered while an import streams and put back when the last
overlapping import ends, however it ends."""

from __future__ import annotations

import sys

import pytest

from scribe_plugin.core.importers.thread_switch import (
    IMPORT_SWITCH_INTERVAL,
    quick_thread_switch,
)


def test_lowered_while_importing_and_put_back_after_overlapping_imports():
    before = sys.getswitchinterval()
    with quick_thread_switch():
        assert sys.getswitchinterval() == pytest.approx(IMPORT_SWITCH_INTERVAL)
        with quick_thread_switch():  # a second import starts while the first runs
            assert sys.getswitchinterval() == pytest.approx(IMPORT_SWITCH_INTERVAL)
        assert sys.getswitchinterval() == pytest.approx(IMPORT_SWITCH_INTERVAL)
    assert sys.getswitchinterval() == before


def test_put_back_when_the_import_fails():
    before = sys.getswitchinterval()
    with pytest.raises(RuntimeError):
        with quick_thread_switch():
            raise RuntimeError("the file was unreadable")
    assert sys.getswitchinterval() == before
