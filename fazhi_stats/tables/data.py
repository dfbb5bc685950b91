"""Tables of the data package: the codebook of every processed file, and their downloads."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fazhi_stats.tables._build import display_frame, new_table

if TYPE_CHECKING:
    from great_tables import GT


def table_codebook(datapackage: Mapping[str, Any], *, table_id: str = "codebook") -> GT:
    """The codebook of every processed CSV, generated from ``datapackage.json``: one group per
    file, one row per column with its type, unit, whether it is required and its meaning."""
    rows = []
    for resource in datapackage.get("resources", []):
        schema = resource.get("schema")
        if not schema:
            continue
        group = f"{resource.get('path')} — {resource.get('title', resource.get('name'))}"
        for f in schema.get("fields", []):
            constraints = f.get("constraints") or {}
            enum = constraints.get("enum")
            description = str(f.get("description", ""))
            if enum:
                description += f" [{', '.join(map(str, enum))}]"
            rows.append(
                {
                    "_group": group,
                    "column": f["name"],
                    "type": f.get("type", ""),
                    "unit": f.get("unit") or "",
                    "required": "✓" if constraints.get("required") else "",
                    "description": description,
                }
            )
    columns = ("_group", "column", "type", "unit", "required", "description")
    return new_table(
        display_frame(rows, columns),
        table_id,
        {
            "column": "列 / Column",
            "type": "类型 / Type",
            "unit": "单位 / Unit",
            "required": "必填 / Required",
            "description": "说明 / Description",
        },
    )


def table_downloads(
    datapackage: Mapping[str, Any], *, base: str = "", table_id: str = "downloads"
) -> GT:
    """Links to download every processed file (``base`` is prefixed to each path), with its
    format, description and SHA-256 from ``datapackage.json``."""
    rows = []
    for resource in [
        {
            "path": "datapackage.json",
            "format": "json",
            "description": "Data Package descriptor: every file, column and hash.",
        },
        *datapackage.get("resources", []),
    ]:
        path = str(resource["path"])
        href = html.escape(base + path, quote=True)
        rows.append(
            {
                "file": f'<a href="{href}" download>{html.escape(path)}</a>',
                "format": str(resource.get("format", "")),
                "description": str(resource.get("description", "")),
                "sha256": str(resource.get("hash", "")).removeprefix("sha256:")[:16]
                + ("…" if resource.get("hash") else ""),
            }
        )
    columns = ("file", "format", "description", "sha256")
    return new_table(
        display_frame(rows, columns),
        table_id,
        {
            "file": "文件 / File",
            "format": "格式 / Format",
            "description": "内容 / Contents",
            "sha256": "SHA-256",
        },
        ["file"],
    )
