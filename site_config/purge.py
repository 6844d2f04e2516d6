"""Tell the shared cache in front of the site (Varnish) to drop its pages after a change.

Every change to what readers see replaces the content version, which every public page
depends on, so one BAN of every page is both correct and simple. The BAN is sent once the
change is committed (a rolled-back change purges nothing) and only when
SHARED_CACHE_PURGE_URL is set. A failed BAN is logged and tried again a few times; if it
never arrives, the shared-cache lifetime (s-maxage) bounds how stale a page can get.
"""

import logging
import time
import urllib.request

from django.conf import settings
from django.db import connection, transaction

logger = logging.getLogger(__name__)

ATTEMPTS = 3
TIMEOUT_SECONDS = 2
# Every public page; the VCL bans by this regular expression on the URL.
EVERY_PAGE = "."


def purge_after_commit():
    """Ban every page at the shared cache once the current transaction commits."""
    if not settings.SHARED_CACHE_PURGE_URL:
        return
    # Saving one article sends many signals; one BAN per transaction is enough. Django drops
    # the callbacks of a rolled-back transaction from this list, so nothing is left pending.
    if any(callback[1] is _purge_now for callback in connection.run_on_commit):
        return
    transaction.on_commit(_purge_now)


def _purge_now():
    purge_every_page()


def purge_every_page(sleep=time.sleep):
    """Send the BAN, retrying with a growing pause; return whether it was accepted."""
    request = urllib.request.Request(  # noqa: S310 (the address is the site's own setting)
        settings.SHARED_CACHE_PURGE_URL, method="BAN", headers={"X-Ban-Url": EVERY_PAGE}
    )
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS):  # noqa: S310
                return True
        except OSError as error:  # URLError and HTTPError too
            logger.warning(
                "shared cache purge failed",
                extra={"attempt": attempt, "attempts": ATTEMPTS, "error": str(error)},
            )
            if attempt < ATTEMPTS:
                sleep(0.2 * attempt)
    logger.error("shared cache purge gave up; pages expire within s-maxage")
    return False
