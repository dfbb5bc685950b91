"""The Frictionless Data Package that describes every processed file."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fazhi_stats.io import atomic_write_bytes, json_bytes
from fazhi_stats.project import Project
from fazhi_stats.schema.processed import TABLES, TableSchema

DATA_LICENCE = {
    "name": "public-government-information",
    "title": "Public government information (政府信息公开), redistributed unchanged for research; "
    "annotations and derived tables CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def _field(column: Any) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    if column.unit:
        field["unit"] = column.unit
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema_descriptor(schema: TableSchema) -> dict[str, Any]:
    return {
        "fields": [_field(c) for c in schema.columns],
        "primaryKey": list(schema.primary_key),
        "missingValues": [""],
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_datapackage(project: Project, *, tables: Iterable[str] | None = None) -> dict[str, Any]:
    """Descriptor of the processed directory: resources, schemas, sources, version, input hashes."""
    from fazhi_stats import __version__

    processed = project.processed_dir
    resources = []
    for name in sorted(tables if tables is not None else TABLES):
        schema = TABLES[name]
        path = processed / schema.path
        if not path.exists():
            continue
        resources.append(
            {
                "name": schema.name,
                "path": schema.path,
                "title": schema.title,
                "description": schema.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "hash": f"sha256:{_sha256(path)}",
                "schema": table_schema_descriptor(schema),
            }
        )
        parquet = path.with_suffix(".parquet")
        if parquet.exists():
            resources.append(
                {
                    "name": f"{schema.name}-parquet",
                    "path": parquet.name,
                    "format": "parquet",
                    "mediatype": "application/vnd.apache.parquet",
                    "description": f"The same table as {schema.path}, typed, in Apache Parquet.",
                    "hash": f"sha256:{_sha256(parquet)}",
                }
            )
    from fazhi_stats.build.inputs import fingerprint
    from fazhi_stats.config import load_study_config

    inputs = fingerprint(project)
    n_documents = len(list(project.documents_dir.glob("*.txt")))
    return {
        "profile": "data-package",
        "name": "fazhi-stats-observations",
        "title": load_study_config(project.root).title or "法治政府建设 indicators",
        "description": (
            f"Quantified targets and achievements of {n_documents} public "
            f"document{'' if n_documents == 1 else 's'} on building a rule-of-law government "
            "(法治政府建设), with the sentence each number comes from."
        ),
        "version": __version__,
        "licenses": [DATA_LICENCE],
        "sources": [
            {
                "title": "Public government documents in data/raw/documents, each with a metadata sidecar",
                "path": "data/raw/documents",
            },
        ],
        "resources": resources,
        "fazhi_stats": {"package_version": __version__, "inputs": inputs},
    }


def write_datapackage(project: Project) -> Path:
    path = project.processed_dir / "datapackage.json"
    atomic_write_bytes(path, json_bytes(build_datapackage(project)))
    return path
