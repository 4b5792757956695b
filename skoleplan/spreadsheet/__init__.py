"""The årshjul in and out of the spreadsheets and Word tables schools already keep.

`tables.py` reads a file (.xlsx, .ods, .csv, a table in a .docx) into rows of
cells, as the person who wrote it sees them (merged cells filled in);
`columns.py` finds which column is «Når», «Hva», «Ansvar» … by its heading;
`rows.py` reads each row into an activity (the timing with
`model/timing_phrase.py`, roles matched to `roller.yaml`); `importer.py`
writes `aarshjul.yaml` and the report; `exporter.py` writes the årshjul back
as .xlsx and .csv. Every message to the user is Norwegian (Bokmål).
"""

from __future__ import annotations


class SpreadsheetError(Exception):
    """A file or table that cannot be imported, or an export that cannot be written; one Norwegian message."""
