"""Report documents in merges: which tables travel beside the other records (merged by ``merging._TableMerge``).

A report document is a shared record like an activity: each of its fields (particulars, meeting, agenda item,
titles, sections) merges as one value, the latest write winning and concurrent writes kept as conflicts. It is
owned by the office that created it; an office trusted only for itself may bring only its own documents.
The export manifest does not count documents (its counts are fixed by the export format).
"""

from __future__ import annotations

DOCUMENT_TABLES = ("report_document",)
