"""TH SarabunPSK's advance widths: what a line of text measures in Word with the real font.

Used to derive the metric-matched stand-in font (:mod:`ita_xl.fonts`) and to measure text when
typesetting a document (:mod:`ita_xl.typeset`), so the two agree.  Kept apart from ``fonts`` so
measuring text imports nothing of the font machinery.
"""
from __future__ import annotations

__all__ = ["reference_widths"]

# Windows-874 bytes 0x20..0xFB, in order; 0 = zero-width mark, None = not in the table (the
# font's MissingWidth).  Source: signintech/gopdf fonts/THSarabun.font.go (regular) and
# fonts/THSarabunNew_Bold.font.go (bold); see ita_xl/fonts.py's docstring for why those.
_N = None
_REGULAR_874 = (
    # 0x20-0x7E
    216, 147, 208, 403, 361, 585, 423, 120, 190, 190, 285, 411, 162, 216, 162, 270,
    362, 362, 362, 362, 362, 362, 362, 362, 362, 362, 162, 162, 411, 411, 411, 283,
    536, 400, 378, 406, 431, 351, 351, 425, 441, 147, 264, 376, 353, 548, 441, 486,
    378, 487, 379, 352, 379, 466, 390, 588, 418, 366, 424, 196, 262, 196, 412, 352,
    204, 344, 401, 331, 401, 374, 206, 311, 390, 143, 155, 316, 200, 601, 390, 398,
    401, 401, 217, 282, 238, 390, 341, 507, 318, 337, 321, 208, 153, 208, 416,
    # 0x7F-0x90, 0x91-0xA0
    _N, 406, _N, _N, _N, _N, 479, _N, _N, _N, _N, _N, _N, _N, _N, _N, _N, _N,
    247, 247, 370, 370, 216, 360, 720, _N, _N, _N, _N, _N, _N, _N, _N, 216,
    # 0xA1-0xFB (Thai)
    386, 378, 382, 393, 393, 408, 294, 367, 377, 380, 384, 519, 519, 425, 425, 343,
    461, 532, 543, 391, 391, 378, 430, 335, 420, 428, 428, 381, 381, 447, 447, 425,
    400, 375, 322, 378, 381, 425, 335, 393, 438, 381, 427, 454, 387, 372, 391, 357,
    0, 316, 316, 0, 0, 0, 0, 0, 0, 0, _N, _N, _N, _N, 411,
    203, 377, 237, 242, 244, 205, 399, 0, 0, 0, 0, 0, 0, 0, 0, 450,
    449, 449, 449, 449, 449, 449, 449, 449, 449, 449, 522, 697,
)
_BOLD_874 = (
    226, 168, 291, 462, 367, 688, 486, 169, 244, 244, 343, 417, 172, 226, 172, 276,
    378, 378, 378, 378, 378, 378, 378, 378, 378, 378, 172, 172, 417, 417, 417, 289,
    572, 451, 396, 432, 459, 358, 358, 454, 472, 163, 282, 411, 359, 574, 472, 518,
    390, 518, 395, 365, 421, 482, 422, 612, 426, 396, 451, 234, 268, 234, 418, 376,
    210, 367, 435, 347, 435, 391, 254, 332, 423, 163, 171, 340, 213, 636, 423, 412,
    431, 431, 246, 296, 258, 418, 358, 480, 349, 361, 358, 255, 177, 255, 422,
    _N, 518, _N, _N, _N, _N, 504, _N, _N, _N, _N, _N, _N, _N, _N, _N, _N, _N,
    253, 253, 384, 384, 226, 335, 693, _N, _N, _N, _N, _N, _N, _N, _N, 226,
    391, 415, 431, 403, 403, 453, 318, 390, 405, 415, 431, 565, 565, 425, 425, 372,
    492, 551, 576, 405, 405, 391, 438, 358, 433, 445, 445, 414, 414, 482, 482, 425,
    417, 386, 329, 391, 399, 425, 379, 403, 461, 399, 438, 468, 394, 385, 380, 340,
    0, 336, 336, 0, 0, 0, 0, 0, 0, 0, _N, _N, _N, _N, 389,
    208, 395, 252, 269, 252, 209, 437, 0, 0, 0, 0, 0, 0, 0, 0, 450,
    456, 456, 456, 456, 456, 456, 456, 456, 456, 456, 525, 697,
)
assert len(_REGULAR_874) == len(_BOLD_874) == 0xFC - 0x20


def reference_widths(table: str = "regular") -> dict[str, int]:
    """TH SarabunPSK advance widths per 1000 em, by character (zero-width marks included)."""
    widths = _REGULAR_874 if table == "regular" else _BOLD_874
    out: dict[str, int] = {}
    for byte, width in enumerate(widths, start=0x20):
        if width is None:
            continue
        out[bytes([byte]).decode("cp874")] = width
    return out


