"""Sign-in throttling: django-axes counting failures per username and address, and per address.

A username tried from one address is paused after AXES_FAILURE_LIMIT failures. One address
trying many usernames is paused too, after ADDRESS_FAILURE_LIMIT failures over all of them:
a higher limit, because several editors may share one office address.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class UsernameAndAddressHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        # One query set per entry of AXES_LOCKOUT_PARAMETERS, in order.
        per_username, per_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # Scaled so that reaching the address limit counts as reaching the failure limit.
        address_share = (
            per_address * settings.AXES_FAILURE_LIMIT // settings.AXES_ADDRESS_FAILURE_LIMIT
        )
        return max(per_username, address_share)
