"""The README's Python examples, as a user's script, must pass mypy --strict and pyright strict.

Run by .ci/run: extracts every ```python block of README.md into one file outside the package
and type-checks it against the installed fazhi_stats, as a user's editor or CI would.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
    if not blocks:
        print("README.md has no python examples", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "readme_examples.py"
        script.write_text("\n".join(blocks), encoding="utf-8")
        (Path(tmp) / "pyrightconfig.json").write_text(
            json.dumps({"typeCheckingMode": "strict", "pythonVersion": "3.11"})
        )
        checks = [
            [sys.executable, "-m", "mypy", "--strict", "--config-file", "/dev/null", str(script)],
            ["pyright", "--pythonpath", sys.executable, str(script)],
        ]
        for command in checks:
            done = subprocess.run(command, cwd=tmp, capture_output=True, text=True, check=False)
            print(f"$ {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(command))}")
            print(done.stdout.strip() or done.stderr.strip())
            if done.returncode != 0:
                return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
