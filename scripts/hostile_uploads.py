"""`make hostile-uploads`: the full-size hostile Scorecard workbooks against gunicorn.

Not part of CI (minutes, gigabytes unpacked by the generator). On a throw-away SQLite
database with the demo, DEBUG off, gunicorn at 2 sync workers on 127.0.0.1, it builds from
the app's own export of Glasgow's Scorecard:

- bomb.xlsm: 1 GiB of spaces inserted after <sheetData> in xl/worksheets/sheet4.xml (E01);
- huge-results.xlsm: 1,000,000 extra numeric cells in the Results sheet (a part not read);
- huge-e02.xlsm: 1,000,000 extra numeric cells in E02 (a sheet that is read);
- cells-e02.xlsm: 350,000 extra cells in E02, under the part size limit: the cell count refuses;
- bomb-understated.xlsm: the bomb with its part's size declared as 1 MB in both headers;
- 50MB.xlsm: 50 MB of noise,

and prints one JSON line per measurement: each upload's status, seconds and the serving
worker's growth in resident memory (polled every 20 ms); /healthz's slowest answer while two
huge-sheet uploads run at once; `manage.py import_scorecard` on each file under
/usr/bin/time -v (seconds, peak resident memory).
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.package_forgery import column, declaring  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
PORT = int(os.environ.get("PORT", "8791"))
BASE = f"http://127.0.0.1:{PORT}"
WORK = Path(os.environ.get("HOSTILE_DIR") or tempfile.mkdtemp(prefix="hostile-uploads-"))
ENV = {
    **os.environ,
    "DATABASE_URL": f"sqlite:///{WORK / 'db.sqlite3'}",
    "DEBUG": "false",
    "SECRET_KEY": "hostile-uploads-only-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "AXES_FAILURE_LIMIT": "1000",
    "MEDIA_ROOT": str(WORK / "media"),
}
MIB = 1024 * 1024


def manage(*args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=ENV, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def report(**figures) -> None:
    print(json.dumps(figures), flush=True)


# ---------------------------------------------------------------------------------------------
# The files


def rewrite(source: Path, target: Path, name: str, write_part) -> None:
    """A copy of the package `source` whose part `name` is written by `write_part(stream,
    original bytes)`, streamed, so a gigabyte part never sits in memory."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dest:
        for item in src.infolist():
            if item.filename != name:
                dest.writestr(item, src.read(item.filename), compress_type=zipfile.ZIP_DEFLATED)
                continue
            info = zipfile.ZipInfo(item.filename, item.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            with dest.open(info, "w", force_zip64=False) as out:
                write_part(out, src.read(item.filename))


def spaces_after_sheet_data(total: int):
    def write(out, xml: bytes) -> None:
        head, tail = xml.split(b"<sheetData>", 1)
        out.write(head + b"<sheetData>")
        block = b" " * MIB
        for _ in range(total // MIB):
            out.write(block)
        out.write(tail)

    return write


def numeric_cells(count: int, per_row: int = 100):
    def write(out, xml: bytes) -> None:
        head, tail = xml.split(b"</sheetData>", 1)
        out.write(head)
        last = max(int(r) for r in re.findall(rb'<row r="(\d+)"', head) or [0])
        for n in range(count // per_row):
            r = last + 1 + n
            cells = "".join(f'<c r="{column(c)}{r}"><v>{n + c}</v></c>' for c in range(per_row))
            out.write(f'<row r="{r}">{cells}</row>'.encode())
        out.write(b"</sheetData>" + tail)

    return write


def build_files(export: Path) -> dict[str, Path]:
    # sheet3.xml is the Results sheet, sheet4.xml E01, sheet5.xml E02.
    files = {
        "bomb": ("sheet4.xml", spaces_after_sheet_data(1024 * MIB)),
        "huge-results": ("sheet3.xml", numeric_cells(10**6)),
        "huge-e02": ("sheet5.xml", numeric_cells(10**6)),
        "cells-e02": ("sheet5.xml", numeric_cells(350_000)),
    }
    paths = {}
    for kind, (part, write) in files.items():
        path = WORK / f"{kind}.xlsm"
        rewrite(export, path, f"xl/worksheets/{part}", write)
        paths[kind] = path
        report(file=kind, bytes=path.stat().st_size)
    understated = WORK / "bomb-understated.xlsm"
    understated.write_bytes(declaring(paths["bomb"].read_bytes(), "xl/worksheets/sheet4.xml", MIB))
    paths["bomb-understated"] = understated
    big = WORK / "50MB.xlsm"
    big.write_bytes(b"PK" + os.urandom(50 * 1000 * 1000))
    paths["50MB"] = big
    return paths


# ---------------------------------------------------------------------------------------------
# The server


def workers(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class Growth:
    """The largest growth of any worker's resident memory while it runs, polled."""

    def __init__(self, pids: list[int]):
        self.pids, self.before = pids, {p: rss_kb(p) for p in pids}
        self.peak = dict(self.before)
        self.running = True
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self):
        while self.running:
            for p in self.pids:
                self.peak[p] = max(self.peak[p], rss_kb(p))
            time.sleep(0.02)

    def stop(self) -> float:
        self.running = False
        self.thread.join()
        return max(self.peak[p] - self.before[p] for p in self.pids) / 1024


def signed_in(email: str, password: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{BASE}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    session.post(
        f"{BASE}/accounts/login/",
        {"username": email, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{BASE}/accounts/login/"},
    )
    return session


def upload(session: requests.Session, path: Path) -> tuple[int, float, str]:
    url = f"{BASE}/cities/glasgow/scorecard/import/"
    page = session.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    started = time.monotonic()
    with path.open("rb") as f:
        response = session.post(
            url,
            data={"csrfmiddlewaretoken": token},
            files={"workbook": (path.name, f)},
            headers={"Referer": url},
        )
    elapsed = time.monotonic() - started
    refusal = re.search(r'<ul class="errorlist[^"]*"[^>]*>\s*<li>([^<]+)', response.text)
    said = refusal.group(1) if refusal else ""
    if not said and "Changes from the workbook" in response.text:
        said = "preview: Changes from the workbook"
    return response.status_code, round(elapsed, 2), said


def time_v(*command: str) -> dict:
    done = subprocess.run(
        ["/usr/bin/time", "-v", *command], cwd=ROOT, env=ENV, capture_output=True, text=True
    )
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    h, m, s = wall.groups()
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    last = (done.stderr.strip().splitlines() or [""])[0]
    return {
        "exit": done.returncode,
        "seconds": round(int(h or 0) * 3600 + int(m) * 60 + float(s), 2),
        "peak_mb": round(peak / 1024),
        "said": last if done.returncode else done.stdout.strip(),
    }


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    report(work=str(WORK))
    manage("migrate", "--noinput", "-v0")
    manage("createcachetable")
    manage("collectstatic", "--noinput", "-v0")
    manage("load_maturity_model")
    manage("load_catalogue")
    sign_ins = manage("load_demo")
    manage("load_scorecard_demo")
    password = re.search(r"editor@glasgow\.demo\s+(\S+)", sign_ins).group(1)
    scorecard = manage(
        "shell", "-c",
        "from scorecard.models import ScorecardAssessment as S; "
        "print(S.objects.filter(city__slug='glasgow').first().pk)",
    ).split()[-1]  # fmt: skip
    export = WORK / "export.xlsm"
    manage("export_scorecard", scorecard, "-o", str(export))
    files = build_files(export)

    for kind, path in files.items():
        report(command="import_scorecard", file=kind,
               **time_v(PYTHON, "manage.py", "import_scorecard", "glasgow", str(path)))  # fmt: skip

    pid_file = WORK / "gunicorn.pid"
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "resilience_site.wsgi", "--bind", f"127.0.0.1:{PORT}",
         "--workers", "2", "--timeout", "120", "--pid", str(pid_file),
         "--access-logfile", "/dev/null"],
        cwd=ROOT, env=ENV,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                requests.get(f"{BASE}/healthz", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.1)
        pids = workers(server.pid)
        editors = [signed_in("editor@glasgow.demo", password) for _ in range(2)]
        for editor in editors:  # the first import in a worker loads openpyxl
            upload(editor, files["huge-results"])
        for kind, path in files.items():
            growth = Growth(pids)
            status, seconds, said = upload(editors[0], path)
            report(upload=kind, status=status, seconds=seconds,
                   worker_growth_mb=round(growth.stop(), 1), said=said)  # fmt: skip

        for kind in ("huge-results", "huge-e02", "cells-e02", "bomb"):
            results = {}

            def send(i, kind=kind, results=results):
                results[i] = upload(editors[i], files[kind])

            threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
            slowest, checks, started = 0.0, 0, time.monotonic()
            for t in threads:
                t.start()
            # /healthz asked again and again from the moment both uploads are sent, and once
            # more after they are answered.
            while any(t.is_alive() for t in threads) or not checks:
                t0 = time.monotonic()
                requests.get(f"{BASE}/healthz", timeout=60)
                slowest, checks = max(slowest, time.monotonic() - t0), checks + 1
            for t in threads:
                t.join()
            report(concurrent_uploads=kind, healthz_slowest_s=round(slowest, 2),
                   healthz_checks=checks, uploads=[results[i][:2] for i in range(2)],
                   total_s=round(time.monotonic() - started, 2))  # fmt: skip
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
