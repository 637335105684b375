"""The workspace glossary in merges: its table travels and merges beside the other records.

Each term is a shared record (``models.GlossaryTerm``) merged field by field by ``merging._TableMerge``: its name
in each language is a field of its own, so two replicas of an office correcting different names of one term both
keep their work, and concurrent edits of one name are kept as conflicts (File ▸ Conflicts).
A term record is owned by the office that created it, and only that office writes it (``glossary_store.save``):
an office correcting another office's term writes a record of its own with the same id (``term_key``), so an
office trusted only for itself never brings a change to another office's record (``write_policy.WritePolicy``). The
records of one id are combined per language by ``domain.glossary.combined``, the name written last winning.
"""

from __future__ import annotations

GLOSSARY_TABLES = ("glossary_term",)
