"""Trackers: progress updates and measure values kept in spreadsheets (CSV or XLSX) beside a plan's
YAML, as a council keeps them for its improvement board.

- cells.py   a file's bytes → sheets of cells as text (dates, numbers, formulas dealt with here)
- columns.py the columns of each kind of tracker, and finding the header row
- rows.py    a sheet → progress updates and values, checked by the schema's own types
- places.py  where a row or cell is (sheet, row, column), for messages and for the change record
- merge.py   the rows into the plan's commitments and measures, the same objects as YAML
- workbook.py  `make tracker`: the spreadsheet an officer fills in for the next update

Every function here is pure: a file's label and bytes in, rows and located problems out.
"""

from plansite.content.trackers.cells import SUFFIXES, file_fault
from plansite.content.trackers.columns import KINDS
from plansite.content.trackers.merge import merge
from plansite.content.trackers.places import source_of, sources
from plansite.content.trackers.rows import Table, read_table

__all__ = ["KINDS", "SUFFIXES", "Table", "file_fault", "merge", "read_table", "source_of", "sources"]
