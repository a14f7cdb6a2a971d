"""The portal's settings plus the anchor page of bench/ratios.py (``/bench/anchor/``)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.anchor_urls"
