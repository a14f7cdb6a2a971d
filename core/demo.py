"""Demo data protocol.

``python manage.py seed_demo`` builds a believable municipality: core first,
then every other app in ``settings.DOMAIN_APPS`` order calls its own
``<app>/demo.py: seed(ctx: DemoContext) -> None``. Each ``seed`` is
deterministic (use ``ctx.rng`` only) and idempotent (it returns at once when
its records for ``ctx.municipalities`` already exist), and uses bulk inserts so
that ``--scale region`` stays fast.
"""

import random
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DemoContext:
    scale: str  # "municipal" (one city, ~40 institutions) or "region" (~1,000 institutions)
    rng: random.Random
    municipalities: list = field(default_factory=list)  # core.Municipality, the first is the demo city
    years: list = field(default_factory=list)  # core.AcademicYear, 2018/2019 … 2022/2023 (the demo's span)
    users: dict = field(default_factory=dict)  # role name -> User ("admin", "head", "methodist", ...)
    log: Any = print  # callable(str) for progress lines
    extra: dict = field(default_factory=dict)  # what one app leaves for another

    @property
    def municipality(self):
        return self.municipalities[0]
