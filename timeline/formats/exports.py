"""The export formats, apart from the exporters: the CLI names them without importing
SQLAlchemy."""

from enum import StrEnum


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    timelinejs = "timelinejs"
    ics = "ics"
    html = "html"
