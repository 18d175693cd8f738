"""Links, images and mentions in untrusted text, found by a maintained URL extractor.

``urlextract`` knows every top-level domain (IANA's list, bundled with the package), so a link needs no
scheme to be found: ``name.tk/path``, ``discord.gg/x``, a bare IP. Nothing here touches the network: the
list is read from the package's own copy (never the writable cache ``URLExtract.update()`` would fill,
and no lock file is written), DNS checks are off, and nothing calls ``update``.

Links are looked for in the text's skeleton (normalising.py), so a domain spelt with Cyrillic look-alikes
is found too; the skeleton has the clean text's offsets, so the spans found apply to the clean text.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

import idna
from urlextract import URLExtract

# Names reserved for documentation and tests (RFC 2606, RFC 6761) and Tor's: no registry lists them, but
# they are links all the same ("shoplux.example").
_RESERVED_TLDS = (".example", ".test", ".invalid", ".localhost", ".onion")

# Any scheme, even an unknown one or an unregistered domain: "hxxp://", "https://x.y".
SCHEMED = re.compile(r"\b[a-z][a-z0-9+.-]{1,15}://[^\s<>\"'`)\]]+", re.IGNORECASE)
MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?([^)\n]*)>?\s*\)")
# Discord's raw mentions of users, roles and channels, and its mass pings.
MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b", re.IGNORECASE)
# A missing space after a full stop ("a sentence.It was") looks like a host under a two-letter domain.
_RUN_ON = re.compile(r"[A-Za-z0-9]+\.[A-Z][A-Za-z]*")
_TRAILING = ".,;:!?'\")]}»”’*_~"


class _BundledTlds(URLExtract):
    """``URLExtract`` reading only the TLD list shipped inside the package, plus the reserved names."""

    def _load_cached_tlds(self) -> set[str]:
        listed = (files("urlextract") / "data" / "tlds-alpha-by-domain.txt").read_text(encoding="utf-8")
        tlds = set(_RESERVED_TLDS)
        for line in listed.splitlines():
            tld = line.strip().lower()
            if tld and not tld.startswith("#"):
                tlds.add("." + tld)
                tlds.add("." + idna.decode(tld))
        return tlds


@cache
def _extractor() -> URLExtract:
    return _BundledTlds(extract_email=False, cache_dns=False, extract_localhost=False)


def _spans_of(found: str, text: str) -> list[tuple[int, int]]:
    spans, at = [], text.find(found)
    while at >= 0:
        spans.append((at, at + len(found)))
        at = text.find(found, at + len(found))
    return spans


def link_spans(skeleton: str, original: str | None = None) -> list[tuple[int, int]]:
    """Where links are in ``skeleton`` (and so in the clean text it folds), sorted, overlaps merged.

    ``original`` (the clean text) lets a run-on sentence ("sentence.It") be told from a host by its case.
    """
    original = skeleton if original is None else original
    spans = [(m.start(), m.start() + len(m.group(0).rstrip(_TRAILING))) for m in SCHEMED.finditer(skeleton)]
    if "." in skeleton:
        # The extractor's own offsets are unreliable when a link repeats: find each one it names.
        for url in set(_extractor().find_urls(skeleton, only_unique=True)):
            url = url.rstrip(_TRAILING)
            for start, end in _spans_of(url, skeleton):
                if not _RUN_ON.fullmatch(original[start:end]):
                    spans.append((start, end))
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def replace_spans(text: str, spans: list[tuple[int, int]], placeholder: str) -> str:
    out, cursor = [], 0
    for start, end in spans:
        out += [text[cursor:start], placeholder]
        cursor = end
    out.append(text[cursor:])
    return "".join(out)
