"""Overlap/duplicate detector and gap matrix for partnerships (pure Python + numpy; no Django, no database).

Used by the site (``partnerships.detection``, ``partnerships.selectors``) and on files by
``clearinghouse partnerships overlaps --activities FILE.jsonl``.
"""

from .gaps import GapActivity, GapNeed, gap_cells
from .overlaps import Pair, detect
from .records import ActivityRecord

__all__ = ["ActivityRecord", "GapActivity", "GapNeed", "Pair", "detect", "gap_cells"]
