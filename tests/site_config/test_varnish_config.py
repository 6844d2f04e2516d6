"""The Varnish configuration shipped for the shared cache compiles."""

import os
import subprocess

import pytest

from bench.varnish import VCL, varnishd_path


@pytest.fixture(scope="module")
def varnishd():
    path = varnishd_path()
    if path is None:
        if os.environ.get("REQUIRE_CACHE_TESTS") == "1":
            pytest.fail("varnishd is missing and REQUIRE_CACHE_TESTS=1 (apt-get install varnish)")
        pytest.skip("varnishd is missing (apt-get install varnish)")
    return path


def test_the_shipped_vcl_compiles(varnishd, tmp_path):
    result = subprocess.run(
        [varnishd, "-C", "-j", "none", "-f", str(VCL), "-n", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
