"""A throwaway PostgreSQL 15 server on a private port and socket (Debian's binaries).

Run as the `postgres` user when started as root, like .ci/run does. Never the
shared server: this one is stopped, restarted and deleted by the checks.
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .server import free_port

PGBIN = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))


def available() -> bool:
    return (PGBIN / "initdb").exists()


class ThrowawayPostgres:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="sci-rel-pg."))
        self.data = self.root / "data"
        self.socket = self.root / "socket"
        self.port = free_port()
        self._as_root = os.geteuid() == 0
        self.socket.mkdir()
        if self._as_root:
            shutil.chown(self.root, "postgres", "postgres")
            shutil.chown(self.socket, "postgres", "postgres")
        self._run(str(PGBIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip

    def _run(self, *args: str) -> None:
        command = ["runuser", "-u", "postgres", "--", *args] if self._as_root else list(args)
        # The postgres user may not be able to enter the caller's directory.
        subprocess.run(command, check=True, capture_output=True, cwd=self.root)

    def url(self, dbname: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{dbname}"

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.socket} -c listen_addresses=127.0.0.1 "
            "-c max_connections=200 -c shared_buffers=128MB"
        )
        self._run(str(PGBIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-w", "-t", "60", "-o", options, "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """mode: "fast" (clean shutdown) or "immediate" (as a crash: recovery on the next start)."""
        self._run(str(PGBIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def createdb(self, name: str) -> str:
        self._run(str(PGBIN / "createdb"), "-h", str(self.socket), "-p", str(self.port),
                  "-U", "postgres", name)  # fmt: skip
        return self.url(name)

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> "ThrowawayPostgres":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.destroy()
