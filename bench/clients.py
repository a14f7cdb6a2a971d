"""What the load generators (``bench/load.py``, ``bench/ratios.py``) share: their simulated clients run at once,
one thread each, and the figures divide by the wall time until the last of them is done."""

import threading
import time
from collections.abc import Callable


def run_at_once(client: Callable[[int], object], count: int) -> float:
    """Run ``client(0)`` … ``client(count - 1)`` in as many threads started together; return the wall seconds
    from the first start to the last end."""
    threads = [threading.Thread(target=client, args=(index,)) for index in range(count)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - began
