"""Exit codes of every ``ita-xl`` command, defined once.

A script that runs ita-xl (a provincial office's batch job, a scheduled task) can trust these:
each code means one thing across commands.  The README's table is checked against ``TABLE``.

* 1 is "finished, but not clean": only warnings with ``check --strict``, some workbooks of a
  batch failed, ``doctor`` found something missing.
* 2 and 3 are the workbook's or the output's fault; 64 is a mistyped command line (click's
  own default is 2, which would look like "the checks found errors"); 70 is a bug in ita-xl;
  130 is Ctrl-C (128 + SIGINT, what shells report for an interrupted program); 141 is a pipe
  closed by its reader (128 + SIGPIPE, what a shell reports for ``cat`` into ``head``).
"""
from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    NOT_CLEAN = 1
    ERRORS = 2
    UNREADABLE = 3
    USAGE = 64  # EX_USAGE of BSD sysexits.h
    BUG = 70  # EX_SOFTWARE of BSD sysexits.h
    INTERRUPTED = 130  # 128 + SIGINT
    PIPE_CLOSED = 141  # 128 + SIGPIPE: the program reading the output stopped (| head)


#: (code, Thai meaning, English meaning): the documented table (README, "Exit codes").
TABLE: tuple[tuple[Exit, str, str], ...] = (
    (Exit.OK, "สำเร็จ (อาจมีคำเตือน)", "done (warnings allowed)"),
    (Exit.NOT_CLEAN, "เสร็จแต่ไม่เรียบร้อย: มีคำเตือนเมื่อใช้ check --strict, batch มีสมุดงานที่ล้มเหลว, "
                     "doctor พบสิ่งที่ขาด",
     "finished but not clean: warnings with check --strict, a batch with failed workbooks, "
     "doctor found something missing"),
    (Exit.ERRORS, "ตรวจพบข้อผิดพลาดในสมุดงาน หรือแม่แบบ/การเขียนไฟล์/การแปลง PDF ผิดพลาด",
     "the checks found errors, or a template, writing or PDF conversion failed"),
    (Exit.UNREADABLE, "อ่านสมุดงานไม่ได้", "the workbook cannot be read"),
    (Exit.USAGE, "พิมพ์คำสั่งหรือตัวเลือกไม่ถูกต้อง", "wrong command line (usage error)"),
    (Exit.BUG, "ข้อบกพร่องของโปรแกรม (แจ้งผู้ดูแล)", "a bug in ita-xl (please report it)"),
    (Exit.INTERRUPTED, "ถูกยกเลิกด้วย Ctrl-C", "interrupted with Ctrl-C"),
    (Exit.PIPE_CLOSED, "โปรแกรมที่รับผลลัพธ์หยุดอ่านก่อน (เช่น ส่งต่อให้ head)",
     "the program reading the output stopped early (e.g. piped into head)"),
)
