"""The workspace glossary in merges: its table travels and merges beside the other records.

Each term is a shared record (``models.GlossaryTerm``) merged field by field by ``merging._TableMerge``: its name
in each language is a field of its own, so an office correcting the French name and another the Chinese name
of one term both keep their work, and concurrent edits of one name are kept as conflicts (File ▸ Conflicts).
A term is owned by the office that created it: an office trusted only for itself brings only its own terms
(``merging.WritePolicy``); a coordinator passes on every office's. Terms of one id (``term_key``) written apart
as separate records are combined per language by ``domain.glossary.combined``, the name written last winning.
"""

from __future__ import annotations

GLOSSARY_TABLES = ("glossary_term",)
