"""Stage 2, validate: the typed, frozen model of a school's plan."""

from .base import LANGS, Item, Markdown, Model, Ref, Text
from .law import LawRef
from .registry import DATA_FILES, FIELD_OF_FILE, FILES, ITEM_KINDS, Plan
from .timing import Timing

__all__ = [
    "DATA_FILES", "FIELD_OF_FILE", "FILES", "ITEM_KINDS", "Item", "LANGS", "LawRef", "Markdown", "Model", "Plan",
    "Ref", "Text", "Timing",
]
