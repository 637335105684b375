"""PDF reports in the six UN languages (ReportLab; no Qt, no storage sessions)."""
