"""The score of a mutmut run over some modules: killed, survived, not checked, per module and
in total, from mutmut's own records (mutants/**/*.meta). Usage: mutation_score.py GLOB...
with mutmut's mutant globs (`lifecycle.*`); run after `mutmut run`, from the project root."""

import fnmatch
import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code


def main(globs: list[str]) -> int:
    total = Counter()
    for meta in sorted(Path("mutants").glob("**/*.py.meta")):
        module = str(meta.relative_to("mutants")).removesuffix(".py.meta").replace("/", ".")
        found = Counter()
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            if any(fnmatch.fnmatch(name, pattern) for pattern in globs):
                found[status_by_exit_code[code]] += 1
        if found:
            total += found
            print(module, _line(found))
    print("total", _line(total))
    return 0 if total and not total["not checked"] else 1


def _line(found: Counter) -> str:
    # A timeout is a mutant that made the tests run away: mutmut counts it as killed.
    killed = found["killed"] + found["timeout"]
    counted = sum(n for status, n in found.items() if status != "not checked")
    score = f"{100 * killed / counted:.1f} %" if counted else "-"
    details = ", ".join(f"{n} {status}" for status, n in sorted(found.items()))
    return f"{killed}/{counted} killed ({score}): {details}"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
