"""``fazhi-stats init``: a new, buildable study in a folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fazhi_stats.cli._common import print_error
from fazhi_stats.errors import FazhiError


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "init",
        help="create a new study: folders, study.yml, generic pages, format notes",
        description="Create a study in DIR (empty or new): data folders, an empty annotations "
        "folder, study.yml (title, regions, settings), the generic pages with _quarto.yml, a "
        "README and .gitignore. `fazhi-stats build` works in it at once.",
    )
    parser.add_argument("directory", type=Path, metavar="DIR", help="the new study's folder")
    parser.add_argument("--title-zh", default="", help="title in Chinese")
    parser.add_argument("--title-en", default="", help="title in English")
    parser.add_argument(
        "--region",
        action="append",
        default=[],
        metavar="CODE",
        help="a region the study compares (repeatable)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fazhi_stats.study.init import NewStudy, init_study

    try:
        written = init_study(
            args.directory, NewStudy(args.title_zh, args.title_en, tuple(args.region))
        )
    except FazhiError as exc:
        print_error(exc)
        return 1
    print(f"created a study in {args.directory} ({len(written)} files)")
    _tell_unknown_regions(args.directory, tuple(args.region))
    print(
        f"next: cd {args.directory} && fazhi-stats add-document FILE --id ID --region CODE "
        "--kind report",
        file=sys.stderr,
    )
    return 0


def _tell_unknown_regions(directory: Path, codes: tuple[str, ...]) -> None:
    """Name the regions the package does not know: they are to be declared before a document
    of theirs is added (``validate`` refuses them until then)."""
    from fazhi_stats.registry import load_regions
    from fazhi_stats.sources.adding import REGIONS_FILE, region_declaration

    known = load_regions()
    registry_file = directory / "registry" / REGIONS_FILE
    for code in dict.fromkeys(codes):
        if code not in known:
            print(
                f"note: region {code!r} is not in the package's region registry: "
                f"{region_declaration(code, registry_file, known)}",
                file=sys.stderr,
            )
