"""The exchange format's names, version 1.0 (no Django here: exchange.compare reads files
with nothing else)."""

from pathlib import Path

FORMAT = "resilience-maturity-assessment"
FORMAT_VERSION = "1.0"
SCHEMA_NAME = f"assessment-{FORMAT_VERSION}.json"
SCHEMA_PATH = Path(__file__).parent / "schema" / SCHEMA_NAME
DOCUMENT_ENTRY = "assessment.json"
FILES_FOLDER = "files/"
