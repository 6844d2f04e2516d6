"""Words as search sees them. The index, the query and the highlighting all split text and
reduce words the same way, so whatever a reader types meets the articles on equal terms.

A word is a run of letters and digits, with inner apostrophes ("don't"). Its *term* is the
word in lower case, stemmed with the Snowball English stemmer, so "stretches", "stretching"
and "stretch" share one term.
"""

import re
from functools import lru_cache
from html import unescape

import snowballstemmer

from site_config import care_routes

WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
# Longer runs are not words a reader types; cutting them keeps every term within the
# index's column width.
LONGEST_TERM = 40
# Only words this long are offered as spelling corrections; shorter ones are too easily
# mistaken for one another.
SHORTEST_VOCABULARY_WORD = 3
# A word written as a placeholder ("{emergency_number}") is indexed as the placeholder itself,
# so a change of number in the settings never leaves the index out of date.
PLACEHOLDER = re.compile("|".join(re.escape(token) for token in care_routes.placeholders()))

_stemmer = snowballstemmer.stemmer("english")


def words(text):
    """The words of ``text`` as written."""
    return WORD.findall(text)


def fold(word):
    return word.casefold().replace("\u2019", "'")[:LONGEST_TERM]


@lru_cache(maxsize=50_000)
def term(word):
    return _stemmer.stemWord(fold(word))[:LONGEST_TERM]


def terms(text):
    """The term of each word in ``text``, in order; each placeholder counts as one word."""
    found = []
    position = 0
    for placeholder in PLACEHOLDER.finditer(text):
        found += [term(word) for word in words(text[position : placeholder.start()])]
        found.append(placeholder.group())
        position = placeholder.end()
    found += [term(word) for word in words(text[position:])]
    return found


def vocabulary(text):
    """The words of ``text`` that a misspelt word may be corrected to, folded."""
    return {
        fold(word)
        for word in words(text)
        if len(word) >= SHORTEST_VOCABULARY_WORD and word.isalpha()
    }


def placeholder_terms(word):
    """The placeholders whose value on this site includes ``word`` (for "999", the
    emergency number's)."""
    wanted = term(word)
    return {
        token
        for token, value in care_routes.placeholders().items()
        if wanted in {term(part) for part in words(value)}
    }


# A tag, allowing for quoted attribute values that contain ">". Good enough because it only
# ever reads the sanitiser's own well-formed output (Section.body_html), never raw input.
_TAG = r"""<(?:[^>"']|"[^"]*"|'[^']*')*>"""
_BLOCK_TAG = re.compile(r"</?(?:p|br|li|h3|h4|blockquote|pre|hr|td|th|tr)\b" + _TAG[1:])
_ANY_TAG = re.compile(_TAG)


# A section's HTML only changes when it is saved, and the site has a few hundred sections,
# so each process turns each one into text once, for the index and for the results alike.
@lru_cache(maxsize=4096)
def html_to_text(html):
    """The words of a piece of stored, sanitised HTML on one line. Block elements separate
    words; inline ones such as <em> do not (so "<em>warm</em>," stays "warm,")."""
    text = _ANY_TAG.sub("", _BLOCK_TAG.sub(" ", html))
    return " ".join(unescape(text).split())
