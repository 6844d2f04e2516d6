"""Varnish with the shipped VCL in front of local app servers: for the load run and the tests.

deploy/varnish/default.vcl names two backends; here they point at the given loopback
ports (the same port twice for a single server) and nothing else in the file changes, so
what is measured and tested is the configuration that is deployed.
"""

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from bench.pages import HttpBrowser

VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish" / "default.vcl"
BACKEND = re.compile(r'backend (app\d+) \{ \.host = "[^"]*"; \.port = "\d+";')


def varnishd_path():
    """varnishd, which Debian installs outside an ordinary user's PATH; None if missing."""
    found = shutil.which("varnishd") or "/usr/sbin/varnishd"
    return found if os.access(found, os.X_OK) else None


def vcl_with_backends(ports):
    """The shipped VCL with its two backends on loopback at the given ports."""
    ports = iter(ports)
    rendered, count = BACKEND.subn(
        lambda found: f'backend {found[1]} {{ .host = "127.0.0.1"; .port = "{next(ports)}";',
        VCL.read_text(),
    )
    if count != 2:
        raise ValueError(f"expected two backends in {VCL}, found {count}")
    return rendered


class Varnish:
    """varnishd in the foreground (a child process) with its own work directory."""

    def __init__(self, varnishd, port, backend_ports, workdir):
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        workdir = Path(workdir)
        vcl = workdir / "default.vcl"
        vcl.write_text(vcl_with_backends(backend_ports))
        self.log_path = workdir / "varnishd.log"
        with open(self.log_path, "w") as log:
            # -j none: no privilege separation, so it runs as whoever starts it.
            self.process = subprocess.Popen(
                [varnishd, "-F", "-j", "none", "-n", str(workdir / "varnish"), "-f", str(vcl)]
                + ["-a", f"127.0.0.1:{port}", "-s", "malloc,64m"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def get(self, path, browser=None):
        return (browser or HttpBrowser(self.base_url)).get(path)

    def wait_until_serving(self, path, seconds=30):
        """Until a page comes through: Varnish routes nothing before its probe sees a backend."""
        deadline = time.monotonic() + seconds
        while self.process.poll() is None and time.monotonic() < deadline:
            try:
                if self.get(path).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"Varnish did not serve {path}; see {self.log_path}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
