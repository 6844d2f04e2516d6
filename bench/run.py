"""Measure the site under load, production-style: `make bench`.

For each corpus size (the real articles plus 10, then 10,000 generated ones) this builds a
throwaway database, migrates, loads fixtures/, generates the corpus, collects static files
and starts gunicorn with production settings (DEBUG off, WhiteNoise) on loopback. Against
that one server it then measures:

- wrk: requests/s and p50/p99 latency for the stylesheet (the floor: no application work),
  home, an article, a topic, search and one symptom-form step (POST and redirect), and the
  article again through Varnish with the shipped VCL (skipped when varnishd is missing);
- SQL queries per page kind, in process with the same database (bench/probe.py);
- bytes per page (HTML + CSS + JS, gzip) and requests to other sites;
- Lighthouse (on the largest corpus only) for home, an article, a question and a result.

Results go to bench/results/ as Markdown and JSON. Targets are printed as met or short;
nothing here fails a build.
"""

import argparse
import datetime
import gzip
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bench.pages import (  # noqa: E402
    HttpBrowser,
    Page,
    answer_until_result,
    first_question,
    local_path,
)
from bench.varnish import Varnish, varnishd_path  # noqa: E402

PYTHON = sys.executable
RESULTS = PROJECT / "bench" / "results"
WRK_SCRIPT = PROJECT / "bench" / "report.lua"
LIGHTHOUSE = PROJECT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
SYMPTOM_FORM_START = "/check-your-symptoms/"
# A rare word (in 2 of the real articles and about 2% of the generated ones), a common one
# (in about three quarters of them), a question of common words and a misspelt word: what
# search costs could grow with.
SEARCH_QUERIES = {
    "search": "bladder",
    "search (common word)": "stretch",
    "search (question)": "how do I stop a back spasm",
    "search (misspelt)": "sciatca",
}
LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]

RATIO_TARGETS = {"article": 0.6, "symptom step": 0.4, **dict.fromkeys(SEARCH_QUERIES, 0.1)}
GROWTH_TARGETS = {"article": 1.2, **dict.fromkeys(SEARCH_QUERIES, 2.0)}
ARTICLE_BYTES_TARGET = 30 * 1024


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Site:
    """One throwaway installation of the site: database, static files and a gunicorn server."""

    def __init__(self, articles, workdir, database_url=None):
        self.articles = articles
        self.workdir = workdir
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.database_url = database_url or f"sqlite:///{workdir / 'db.sqlite3'}"
        self.server = None
        self.env = {
            **{
                key: value
                for key, value in os.environ.items()
                if not key.startswith(("DJANGO_", "DATABASE_URL"))
            },
            "DJANGO_SETTINGS_MODULE": "site_config.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "DJANGO_LOG_LEVEL": "WARNING",
            # Plain HTTP on loopback: no redirect to HTTPS (a proxy terminates TLS in production).
            "DJANGO_LOCAL_HTTP": "1",
            "DATABASE_URL": self.database_url,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "PYTHONPATH": str(PROJECT),
        }

    def manage(self, *arguments):
        subprocess.run([PYTHON, "manage.py", *arguments], cwd=PROJECT, env=self.env, check=True)

    def build(self):
        started = time.monotonic()
        if self.database_url.startswith("postgres"):
            recreate_postgres_database(self.database_url)
        self.manage("migrate", "--noinput", "--verbosity", "0")
        fixtures = sorted(str(path) for path in (PROJECT / "fixtures").glob("*.yaml"))
        self.manage("loaddata", *fixtures, "--verbosity", "0")
        generated = subprocess.run(
            [PYTHON, "-m", "bench.corpus", str(self.articles)],
            cwd=PROJECT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        log(generated.stdout.strip())
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        return time.monotonic() - started

    def start(self):
        self.server_log = open(self.workdir / "gunicorn.log", "w")  # noqa: SIM115
        self.server = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "site_config.wsgi:application"]
            + ["-c", str(PROJECT / "gunicorn.conf.py")],
            cwd=PROJECT,
            env=self.env,
            stdout=self.server_log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if HttpBrowser(self.base_url).get("/healthz").status == 200:
                    return
            except OSError:
                pass
            if self.server.poll() is not None:
                break
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not start; see {self.workdir / 'gunicorn.log'}")

    def stop(self):
        if self.server and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        if self.server:
            self.server_log.close()


def recreate_postgres_database(url):
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def discover(site):
    """Find the pages to measure by reading the site as a reader would, from the home page."""
    browser = HttpBrowser(site.base_url)
    home = Page(browser.get("/").text)
    article_links = [link for link in home.links if link.startswith("/articles/")]
    topic_links = [link for link in home.links if link.startswith("/topics/")]
    pages = {
        "static CSS": home.stylesheets[0],
        "home": "/",
        "article": article_links[0],
        "topic": topic_links[0],
    }
    if home.search_box:
        action, name = home.search_box
        for kind, query in SEARCH_QUERIES.items():
            pages[kind] = f"{local_path(action, '/')}?{urlencode({name: query})}"
    return pages


def result_count(site, path):
    found = re.search(r"([\d,]+) results? for", HttpBrowser(site.base_url).get(path).text)
    return int(found.group(1).replace(",", "")) if found else None


def prepare_symptom_step(site):
    """A browser at the first question (its cookies) and the answer to post: what wrk
    repeats."""
    browser = HttpBrowser(site.base_url)
    found = first_question(browser, SYMPTOM_FORM_START)
    if not found:
        return None
    question_path, form = found
    action = local_path(form.action, question_path) or question_path
    answers = form.calm_answers()
    check = browser.post(action, answers)
    if check.status not in (302, 303):
        raise RuntimeError(f"the symptom step answered {check.status}, not a redirect")
    return {
        "question": question_path,
        "action": action,
        "body": urlencode(answers),
        "cookie": browser.cookie_header,
    }


def finished_journey(site):
    """A fresh browser walked to a result; returns (result path, cookie header)."""
    browser = HttpBrowser(site.base_url)
    question_path, form = first_question(browser, SYMPTOM_FORM_START)
    return answer_until_result(browser, question_path, form), browser.cookie_header


def wrk(url, duration, threads, connections, method=None, body=None, cookie=None):
    env = {
        **os.environ,
        "BENCH_METHOD": method or "",
        "BENCH_BODY": body or "",
        "BENCH_COOKIE": cookie or "",
    }
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "-s", str(WRK_SCRIPT)]
    output = subprocess.run(
        [*command, url], env=env, capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    seconds = figures["duration_us"] / 1e6
    errors = sum(value for key, value in figures.items() if key.startswith("errors_"))
    return {
        "requests_per_second": round(figures["requests"] / seconds, 1),
        "p50_ms": round(figures["p50_us"] / 1000, 2),
        "p99_ms": round(figures["p99_us"] / 1000, 2),
        "requests": figures["requests"],
        "errors": errors,
        "bad_status": figures["errors_status"],
    }


def through_shared_cache(site, path, options, workdir):
    """wrk on a page through Varnish (the shipped VCL) in front of this gunicorn; None and a
    message when varnishd is not installed."""
    varnishd = varnishd_path()
    if not varnishd:
        log("varnishd is missing (apt-get install varnish): no row for the shared cache")
        return None
    # Both of the VCL's backends are this one server.
    varnish = Varnish(varnishd, free_port(), [site.port, site.port], workdir)
    try:
        varnish.wait_until_serving(path)
        if varnish.get(path).headers.get("x-cache") != "HIT":
            raise RuntimeError(f"Varnish did not keep {path}; see {varnish.log_path}")
        url = varnish.base_url + path
        wrk(url, 2, options.threads, options.connections)
        log(f"wrk article through the shared cache: {path}")
        return {"path": path, **wrk(url, options.duration, options.threads, options.connections)}
    finally:
        varnish.stop()


def page_weight(site, path, cookie=None):
    """Bytes a reader downloads for a page: its HTML gzipped, plus its CSS and JS as served."""
    browser = HttpBrowser(site.base_url)
    headers = {"Accept-Encoding": "gzip"}
    if cookie:
        headers["Cookie"] = cookie
    response = browser.get(path, headers=headers)
    html = gzip.decompress(response.body) if response.headers.get("content-encoding") else None
    html = html or response.body
    page = Page(html.decode("utf-8"))
    own_host = urlsplit(site.base_url).netloc
    third_party = sorted(
        {asset for asset in page.assets if urlsplit(asset).netloc not in ("", own_host)}
    )
    sizes = {"html": len(gzip.compress(html, compresslevel=6))}
    for kind, assets in (("css", page.stylesheets), ("js", page.scripts)):
        sizes[kind] = 0
        for asset in dict.fromkeys(assets):
            if urlsplit(asset).netloc in ("", own_host):
                sizes[kind] += len(browser.get(local_path(asset, path), headers=headers).body)
    return {
        "status": response.status,
        **sizes,
        "total": sum(sizes.values()),
        "third_party_requests": len(third_party),
        "third_party": third_party,
    }


def count_queries(site, pages, symptom_available):
    arguments = [PYTHON, "-m", "bench.probe", json.dumps(pages)]
    if symptom_available:
        arguments.append(SYMPTOM_FORM_START)
    probe = subprocess.run(arguments, cwd=PROJECT, env=site.env, capture_output=True, text=True)
    if probe.returncode != 0:
        raise RuntimeError(f"the query probe failed:\n{probe.stderr[-2000:]}")
    return json.loads(probe.stdout.strip().splitlines()[-1])


def lighthouse(url, output_path, cookie=None):
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output_path}",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ]
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    result = subprocess.run(
        command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True
    )
    if result.returncode != 0 or not Path(output_path).exists():
        return {"error": (result.stderr or result.stdout).strip()[-300:]}
    report = json.loads(Path(output_path).read_text())
    scores = {
        key: round((report["categories"][key]["score"] or 0) * 100) for key in LIGHTHOUSE_CATEGORIES
    }
    failing = [
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]
    return {**scores, "failing_audits": failing[:12]}


def measure(articles, options, workdir):
    site = Site(articles, workdir, options.database_url)
    log(f"building a site with {articles:,} generated articles in {workdir}")
    build_seconds = site.build()
    site.start()
    try:
        pages = discover(site)
        symptom = prepare_symptom_step(site)
        log(f"pages: {pages}; symptom form: {'yes' if symptom else 'not available'}")
        results = {"articles": articles, "build_seconds": round(build_seconds, 1), "pages": {}}
        for kind, path in pages.items():
            url = site.base_url + path
            wrk(url, 2, options.threads, options.connections)  # warm the workers up
            log(f"wrk {kind}: {path}")
            results["pages"][kind] = {
                "path": path,
                **wrk(url, options.duration, options.threads, options.connections),
            }
            if kind.startswith("search"):
                results["pages"][kind]["results"] = result_count(site, path)
        if symptom:
            url = site.base_url + symptom["action"]
            post = {"method": "POST", "body": symptom["body"], "cookie": symptom["cookie"]}
            wrk(url, 2, options.threads, options.connections, **post)
            log(f"wrk symptom step: POST {symptom['action']}")
            results["pages"]["symptom step"] = {
                "path": f"POST {symptom['action']}",
                **wrk(url, options.duration, options.threads, options.connections, **post),
            }
        cached = through_shared_cache(site, pages["article"], options, workdir)
        if cached:
            results["pages"]["article through the shared cache"] = cached
        static_rate = results["pages"]["static CSS"]["requests_per_second"]
        for figures in results["pages"].values():
            figures["ratio_to_static"] = round(figures["requests_per_second"] / static_rate, 3)

        log("counting SQL queries and page weight")
        query_pages = {k: v for k, v in pages.items() if k != "static CSS"}
        results["queries"] = count_queries(site, query_pages, bool(symptom))
        weights = {kind: page_weight(site, path) for kind, path in query_pages.items()}
        lighthouse_pages = {"home": "/", "article": pages["article"]}
        cookies = {}
        if symptom:
            weights["symptom question"] = page_weight(site, symptom["question"], symptom["cookie"])
            result_path, cookies["symptom result"] = finished_journey(site)
            weights["symptom result"] = page_weight(site, result_path, cookies["symptom result"])
            lighthouse_pages["symptom question"] = symptom["question"]
            cookies["symptom question"] = symptom["cookie"]
            lighthouse_pages["symptom result"] = result_path
        results["weights"] = weights

        if options.lighthouse and articles == max(options.sizes):
            results["lighthouse"] = {}
            for kind, path in lighthouse_pages.items():
                log(f"lighthouse {kind}: {path}")
                # A fresh session per page, so no earlier run has moved the journey on.
                if kind == "symptom question":
                    cookies[kind] = prepare_symptom_step(site)["cookie"]
                elif kind == "symptom result":
                    path, cookies[kind] = finished_journey(site)
                output = workdir / f"lighthouse-{kind.replace(' ', '-')}.json"
                results["lighthouse"][kind] = {
                    "path": path,
                    **lighthouse(site.base_url + path, output, cookies.get(kind)),
                }
        if not symptom:
            results["symptom_form"] = f"not available: {SYMPTOM_FORM_START} answered 404"
    finally:
        site.stop()
    return results


def verdict(met):
    return "met" if met else "short"


def markdown(run):
    lines = [
        f"# Benchmark, {run['started']}",
        "",
        f"Machine: {run['machine']}. Database: {run['database']}. gunicorn workers: "
        f"{run['workers']}. Load: `wrk -t{run['threads']} -c{run['connections']} "
        f"-d{run['duration']}s` per page after a 2 s warm-up, on loopback. Searches: "
        + ", ".join(f"{kind} `{query}`" for kind, query in SEARCH_QUERIES.items())
        + ".",
        "",
    ]
    for size in run["sizes"]:
        result = run["results"][str(size)]
        lines += [
            f"## {size:,} generated articles (plus the real ones)",
            "",
            f"Database built in {result['build_seconds']} s.",
            "",
            "| page | path | req/s | p50 ms | p99 ms | ratio to static | target "
            "| SQL queries | gzip bytes (HTML+CSS+JS) | third-party requests |",
            "| --- | --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |",
        ]
        for kind, figures in result["pages"].items():
            target = RATIO_TARGETS.get(kind)
            target_text = (
                f">= {target}: {verdict(figures['ratio_to_static'] >= target)}" if target else ""
            )
            if figures["errors"]:
                target_text += f" ({figures['errors']} errors, {figures['bad_status']} bad status)"
            if figures.get("results") is not None:
                target_text += f" {figures['results']:,} results"
            queries = result["queries"].get(kind, {})
            query_text = ", ".join(f"{k} {v}" for k, v in queries.items())
            weight = result["weights"].get(kind) or result["weights"].get(
                "symptom question" if kind == "symptom step" else kind, {}
            )
            lines.append(
                f"| {kind} | `{figures['path']}` | {figures['requests_per_second']:,} "
                f"| {figures['p50_ms']} | {figures['p99_ms']} | {figures['ratio_to_static']} "
                f"| {target_text} | {query_text} | {weight.get('total', '')} "
                f"| {weight.get('third_party_requests', '')} |"
            )
        lines.append("")
        lines += ["| page weight | HTML | CSS | JS | total | target |", "| --- |" + " ---: |" * 5]
        for kind, weight in result["weights"].items():
            target = ""
            if kind == "article":
                met = weight["total"] <= ARTICLE_BYTES_TARGET and not weight["third_party_requests"]
                target = f"<= 30 KB, 0 third-party: {verdict(met)}"
            lines.append(
                f"| {kind} | {weight['html']:,} | {weight['css']:,} | {weight['js']:,} "
                f"| {weight['total']:,} | {target} |"
            )
        lines.append("")
        if "symptom_form" in result:
            lines += [f"Symptom form: {result['symptom_form']}.", ""]
        if "lighthouse" in result:
            lines += [
                "| Lighthouse | path | performance | accessibility | best practices | SEO "
                "| audits below 100 |",
                "| --- | --- | ---: | ---: | ---: | ---: | --- |",
            ]
            for kind, scores in result["lighthouse"].items():
                if "error" in scores:
                    lines.append(f"| {kind} | `{scores.get('path')}` | error: {scores['error']} |")
                    continue
                lines.append(
                    f"| {kind} | `{scores['path']}` | {scores['performance']} "
                    f"| {scores['accessibility']} | {scores['best-practices']} | {scores['seo']} "
                    f"| {', '.join(scores['failing_audits'])} |"
                )
            lines.append("")
    if len(run["sizes"]) > 1:
        smallest, largest = min(run["sizes"]), max(run["sizes"])
        small, large = run["results"][str(smallest)], run["results"][str(largest)]
        lines += [
            f"## Growth from {smallest:,} to {largest:,} articles",
            "",
            "The machine is shared, so the static file's own change in latency between the two "
            "runs is shown too; the last growth column divides it out.",
            "",
            "| page | p50 ms before | p50 ms after | growth (p50) | p99 growth "
            "| growth (p50) / static growth | target |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        static_growth = (
            large["pages"]["static CSS"]["p50_ms"] / small["pages"]["static CSS"]["p50_ms"]
        )
        for kind, figures in large["pages"].items():
            before = small["pages"].get(kind)
            if not before:
                continue
            if not (figures["p50_ms"] and before["p50_ms"]):
                lines.append(f"| {kind} | {before['p50_ms']} | {figures['p50_ms']} | | | | |")
                continue
            growth = figures["p50_ms"] / before["p50_ms"]
            growth_p99 = figures["p99_ms"] / before["p99_ms"]
            target = GROWTH_TARGETS.get(kind)
            target_text = f"<= {target}x: {verdict(growth <= target)}" if target else ""
            lines.append(
                f"| {kind} | {before['p50_ms']} | {figures['p50_ms']} | {growth:.2f}x "
                f"| {growth_p99:.2f}x | {growth / static_growth:.2f}x | {target_text} |"
            )
        lines.append("")
    return "\n".join(lines)


def check_tools(options):
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk (Debian), then run make bench again.")
    if options.lighthouse and not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run npm ci (or use --no-lighthouse).")
    if options.lighthouse and not Path(CHROMIUM).exists():
        sys.exit(f"Chromium not found at {CHROMIUM}: apt-get install chromium.")


def main():
    parser = argparse.ArgumentParser(description="Measure the site under load.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 10_000])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL"),
        help="a PostgreSQL database to drop and recreate for each size (default: SQLite)",
    )
    parser.add_argument("--no-lighthouse", dest="lighthouse", action="store_false")
    options = parser.parse_args()
    check_tools(options)

    started = datetime.datetime.now(datetime.UTC)
    run = {
        "started": started.strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start",
        "database": "PostgreSQL" if options.database_url else "SQLite",
        "workers": os.environ.get("WEB_CONCURRENCY", f"{(os.cpu_count() or 1) * 2 + 1}"),
        "threads": options.threads,
        "connections": options.connections,
        "duration": options.duration,
        "sizes": options.sizes,
        "results": {},
    }
    with tempfile.TemporaryDirectory(prefix="bsg-bench-") as temporary:
        for size in options.sizes:
            workdir = Path(temporary) / str(size)
            workdir.mkdir()
            run["results"][str(size)] = measure(size, options, workdir)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = started.strftime("%Y%m%d-%H%M%S")
    report = markdown(run)
    (RESULTS / f"{stem}.json").write_text(json.dumps(run, indent=2))
    (RESULTS / f"{stem}.md").write_text(report)
    shutil.copyfile(RESULTS / f"{stem}.md", RESULTS / "latest.md")
    shutil.copyfile(RESULTS / f"{stem}.json", RESULTS / "latest.json")
    print(report)
    log(f"written to {RESULTS / stem}.md and .json (also latest.md, latest.json)")


if __name__ == "__main__":
    main()
