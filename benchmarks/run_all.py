"""`make bench`: runs every benchmark script in this folder, each in its own process."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIP = {"run_all.py", "harness.py", "__init__.py"}

failed = 0
for script in sorted(HERE.glob("*.py")):
    if script.name in SKIP:
        continue
    result = subprocess.run([sys.executable, str(script)], cwd=HERE)
    failed += result.returncode != 0
sys.exit(1 if failed else 0)
