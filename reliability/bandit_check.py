"""bandit over the whole project: no medium or high finding that nobody has reviewed.

    python -m reliability.bandit_check

Reviewed findings carry `# nosec BXXX` with the reason on the same or the line above.
"""

import json
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def main() -> int:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("bandit")), "-c", "pyproject.toml", "-r", ".",
         "-f", "json", "-q"],
        cwd=BASE_DIR, capture_output=True, text=True, check=False,
    )  # fmt: skip
    report = json.loads(result.stdout)
    totals = report["metrics"]["_totals"]
    serious = [i for i in report["results"] if i["issue_severity"] in {"MEDIUM", "HIGH"}]
    print(
        f"bandit: {totals['loc']} lines scanned; unreviewed medium/high findings: {len(serious)}; "
        f"reviewed (# nosec): {totals['skipped_tests']}; low: {totals['SEVERITY.LOW']}"
    )
    for issue in serious:
        where = f"{issue['filename']}:{issue['line_number']}"
        print(f"  {issue['test_id']} {where} {issue['issue_text']}")
    return 1 if serious else 0


if __name__ == "__main__":
    raise SystemExit(main())
