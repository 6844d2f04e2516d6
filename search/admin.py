from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from search.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(SimpleHistoryAdmin):
    list_display = ["words", "search_for"]
    search_fields = ["words", "search_for"]
