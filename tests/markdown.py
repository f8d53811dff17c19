"""The parts of a Markdown document that the doc tests read: fenced blocks, the marker
comment before a block, headings and their anchors, links, and inline code."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^(```+|~~~+)\s*([\w+-]*)\s*$")
MARKER = re.compile(r"^<!--\s*([a-z]+):\s*(.*?)\s*-->$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
HTML_ANCHOR = re.compile(r"""<a\s+(?:id|name)=["']([^"']+)["']""")
# [text](target) and ![alt](target); the target ends at the first space or ")".
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")


@dataclass(frozen=True)
class Block:
    """A fenced block: its language, its lines, where it starts (the 1-based line of its
    opening fence) and the marker comment on the line before the fence, if any."""

    lang: str
    lines: tuple[str, ...]
    line: int
    marker: tuple[str, str] | None


@dataclass(frozen=True)
class Document:
    path: Path
    text: str

    @classmethod
    def read(cls, path: Path) -> Document:
        return cls(path, path.read_text(encoding="utf-8"))

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def parts(self) -> list[Block | tuple[str, str]]:
        """The fenced blocks and the standalone marker comments, in document order."""
        lines, parts, index = self.lines, [], 0
        pending: tuple[str, str] | None = None
        while index < len(lines):
            line = lines[index]
            fence = FENCE.match(line)
            marker = MARKER.match(line)
            if fence:
                end = index + 1
                while end < len(lines) and lines[end].strip() != fence.group(1):
                    end += 1
                parts.append(Block(fence.group(2), tuple(lines[index + 1:end]), index + 1, pending))
                pending, index = None, end + 1
                continue
            if pending is not None:
                parts.append(pending)
            pending = (marker.group(1), marker.group(2)) if marker else None
            index += 1
        if pending is not None:
            parts.append(pending)
        return parts

    def blocks(self) -> list[Block]:
        return [part for part in self.parts() if isinstance(part, Block)]

    def prose(self) -> str:
        """The text outside fenced blocks."""
        fenced = {
            number
            for block in self.blocks()
            for number in range(block.line, block.line + len(block.lines) + 2)
        }
        return "\n".join(line for number, line in enumerate(self.lines, 1) if number not in fenced)

    def anchors(self) -> set[str]:
        """The fragments a link may point at: each heading's GitHub anchor, and <a id>."""
        found: set[str] = set(HTML_ANCHOR.findall(self.text))
        seen: dict[str, int] = {}
        for line in self.prose().splitlines():
            heading = HEADING.match(line)
            if heading:
                slug = github_slug(heading.group(2))
                found.add(slug if slug not in seen else f"{slug}-{seen[slug]}")
                seen[slug] = seen.get(slug, 0) + 1
        return found

    def links(self) -> list[str]:
        return LINK.findall(self.prose())

    def code_spans(self) -> list[str]:
        return [span.strip() for _, span in CODE_SPAN.findall(self.prose())]


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: the text without markup, lower case, punctuation
    dropped (letters, digits, `-`, `_` and spaces kept), each space a `-`."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its text
    text = re.sub(r"<[^>]+>", "", text).replace("`", "").lower()
    kept = "".join(
        char for char in text
        if char in "-_ " or unicodedata.category(char)[0] in "LN"
    )
    return kept.replace(" ", "-")
