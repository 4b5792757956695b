"""Stage 2, validate: the typed, frozen model of a school's plan."""

from .base import LANGS, Item, Markdown, Model, Ref, Text
from .law import LawRef
from .plan import FIELD_OF_FILE, FILES, Plan
from .timing import Timing

__all__ = ["FIELD_OF_FILE", "FILES", "Item", "LANGS", "LawRef", "Markdown", "Model", "Plan", "Ref", "Text", "Timing"]
