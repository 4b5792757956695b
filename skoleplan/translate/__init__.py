"""Keep both written standards in step: Apertium drafts, review status, and the status report.

One module per step: `markup` splits Markdown into words to translate and markup
to keep, `apertium` runs the translator, `texts` finds every text in a data file
and tells how far its translation has come, `yamlfile` writes into the YAML in
place, `draft` holds the `oversett` and `godkjenn` commands, and `status` the
report (and the counts the build prints).
"""

from .apertium import ApertiumError
from .draft import TranslateError, approve, draft
from .status import collect, format_report, unreviewed

__all__ = ["ApertiumError", "TranslateError", "approve", "collect", "draft", "format_report", "unreviewed"]
