"""Fonts for the pictures cvweb draws (the favicon and the link-preview card).

Pillow's bundled font has ASCII only: an accented name came out as "Chlo▯",
"Universit▯", and a CJK name as a row of boxes. The pictures are drawn with
Noto instead, the fonts the PDF already needs (Debian's ``fonts-noto-core`` and
``fonts-noto-cjk``), found through fontconfig as xelatex finds them:

1. ``Noto Sans`` (Latin, Greek, Cyrillic), then ``Noto Sans CJK SC`` (Chinese,
   kana, Hangul, fullwidth forms; Simplified Chinese glyph forms, as the PDF),
   in the weight asked for, each with its coverage (fontconfig's ``charset``);
2. for a character neither has, any installed font that has it (fontconfig's
   own choice among them, a Noto family first);
3. without fontconfig, Pillow's bundled font, for the characters it has.

Each character is drawn by the first font of that chain that has it, so a
name mixing scripts ("Wei Zhang (张伟)") is drawn in runs of fonts on one
baseline. A character no font has is never drawn as a box: its base letter
is drawn instead when it has one (``é`` as ``e``), or it is left out, and the
chain records it in :attr:`FontChain.missing` for the build to warn once.

A chain is made per picture and holds no state beyond it (fontconfig is asked
again by the next build, so a font installed in between is used).
"""

from __future__ import annotations

import bisect
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field

from PIL import ImageFont

#: The families asked for first, in order: the fonts the PDF uses too.
FAMILIES = ("Noto Sans", "Noto Sans CJK SC")
#: fontconfig's weights (fc-list's ``weight``): regular and bold.
WEIGHTS = {False: "regular", True: "bold"}
#: One line per face: file, face index in a collection, family, coverage.
_FORMAT = "%{file}\t%{index}\t%{family[0]}\t%{charset}\n"
#: A code point no font maps: what a font draws for it is its ``.notdef`` glyph.
NOTDEF_PROBE = "\U0010fffd"

Font = ImageFont.FreeTypeFont


@dataclass(frozen=True)
class Face:
    """One font file (and face of a collection) with the characters it maps."""

    path: str
    index: int
    family: str
    #: Sorted, disjoint ``(first, last)`` code point ranges (fontconfig's charset).
    ranges: tuple[tuple[int, int], ...]

    def covers(self, char: str) -> bool:
        code = ord(char)
        at = bisect.bisect_right(self.ranges, (code, 0x10FFFF)) - 1
        return at >= 0 and self.ranges[at][0] <= code <= self.ranges[at][1]


def parse_charset(text: str) -> tuple[tuple[int, int], ...]:
    """fontconfig's ``charset`` (``"20-7e a0-17f 2013"``, hexadecimal) as ranges."""
    ranges = []
    for part in text.split():
        first, _, last = part.partition("-")
        ranges.append((int(first, 16), int(last or first, 16)))
    return tuple(sorted(ranges))


def _fc_list(command: str, pattern: str) -> list[Face]:
    """The faces fontconfig lists for *pattern*, or [] when fontconfig cannot be asked."""
    executable = shutil.which(command)
    if executable is None:
        return []
    try:
        result = subprocess.run(
            [executable, "--format", _FORMAT, pattern],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    faces = []
    for line in result.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[1].isdigit():
            faces.append(Face(parts[0], int(parts[1]), parts[2], parse_charset(parts[3])))
    # One order whatever fontconfig's: the same picture on every run.
    return sorted(faces, key=lambda face: (face.path, face.index))


def _roman(weight: str) -> str:
    return f":weight={weight}:slant=roman:scalable=true"


@dataclass
class FontChain:
    """The fonts a picture is drawn with, in order, and what none of them has."""

    faces: list[Face]
    bold: bool = False
    command: str = "fc-list"
    #: Whether fontconfig can be asked for a font with a character the faces lack.
    fontconfig: bool = False
    #: Characters no font had, in the order they were met.
    missing: list[str] = field(default_factory=list)
    _extra: dict[str, Face | None] = field(default_factory=dict, repr=False)
    _fonts: dict[tuple[str, int, int], Font] = field(default_factory=dict, repr=False)
    _default: dict[int, tuple[Font, bytes]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_fontconfig(cls, *, bold: bool = False, command: str = "fc-list") -> FontChain:
        """The preferred families (:data:`FAMILIES`) as fontconfig has them installed."""
        faces: list[Face] = []
        for family in FAMILIES:
            found = _fc_list(command, f"{family}{_roman(WEIGHTS[bold])}")
            faces.extend(face for face in found if face.family == family)
        available = shutil.which(command) is not None
        return cls(faces, bold=bold, command=command, fontconfig=available)

    def _any_face(self, char: str) -> Face | None:
        """Any installed font with *char* (asked once per character), a Noto family first."""
        if char not in self._extra:
            found = _fc_list(self.command, f":charset={ord(char):x}{_roman(WEIGHTS[self.bold])}")
            if not found:  # no face of the weight: any weight rather than nothing
                found = _fc_list(self.command, f":charset={ord(char):x}:scalable=true")
            found = [face for face in found if face.covers(char)]
            found.sort(key=lambda face: (not face.family.startswith("Noto"), face.family))
            self._extra[char] = found[0] if found else None
        return self._extra[char]

    def font(self, face: Face | None, size: int) -> Font:
        """*face* at *size* pixels (None: Pillow's bundled font)."""
        if face is None:
            return self._default_font(size)[0]
        key = (face.path, face.index, size)
        if key not in self._fonts:
            self._fonts[key] = ImageFont.truetype(face.path, size, index=face.index)
        return self._fonts[key]

    def _default_font(self, size: int) -> tuple[Font, bytes]:
        if size not in self._default:
            font = ImageFont.load_default(size=size)
            assert isinstance(font, Font)  # Pillow has FreeType (it is a dependency of ours)
            self._default[size] = (font, bytes(font.getmask(NOTDEF_PROBE)))
        return self._default[size]

    def _default_has(self, char: str) -> bool:
        """Whether Pillow's font draws *char* as something else than its ``.notdef`` box."""
        font, notdef = self._default_font(32)
        return bytes(font.getmask(char)) != notdef

    def face_for(self, char: str) -> tuple[bool, Face | None]:
        """``(found, face)``: the first font that has *char* (``face`` None: Pillow's)."""
        for face in self.faces:
            if face.covers(char):
                return True, face
        extra = self._any_face(char) if self.fontconfig else None
        if extra is not None:
            return True, extra
        if self._default_has(char):
            return True, None
        return False, None

    def runs(self, text: str) -> list[tuple[str, Face | None]]:
        """*text* cut into runs of one font each; what no font has is replaced or left out."""
        result: list[tuple[str, Face | None]] = []
        for char in text:
            drawn, face = char, None
            if not char.isspace() and unicodedata.category(char) not in ("Mn", "Me", "Cf"):
                found, face = self.face_for(char)
                if not found:
                    if char not in self.missing:
                        self.missing.append(char)
                    base = unicodedata.normalize("NFKD", char)[:1]
                    found, face = self.face_for(base) if base != char else (False, None)
                    drawn = base if found else ""
            elif result:
                face = result[-1][1]  # a space or a mark belongs to the run it is in
            elif self.faces:
                face = self.faces[0]
            if not drawn:
                continue
            if result and result[-1][1] == face:
                result[-1] = (result[-1][0] + drawn, face)
            else:
                result.append((drawn, face))
        return result

    def width(self, text: str, size: int) -> float:
        """The advance width of *text* drawn at *size* pixels by :meth:`runs`."""
        return sum(self.font(face, size).getlength(run) for run, face in self.runs(text))


def is_cjk(char: str) -> bool:
    """Han ideographs, kana, Hangul, CJK punctuation and fullwidth forms."""
    code = ord(char)
    return (
        0x1100 <= code <= 0x11FF
        or 0x2E80 <= code <= 0x9FFF
        or 0xA960 <= code <= 0xA97F
        or 0xAC00 <= code <= 0xD7FF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3134F
    )
