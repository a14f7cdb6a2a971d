"""Every action that can take more than a second runs as a background job with its progress (issue 18, point 5):
each page that makes a file (a list's export, a PDF, a .docx, an .xlsx, a zip) is a ``@background_file`` view,
so with a broker it answers with the job's page and the file waits in «My files and jobs». (The import's check
and write are jobs of ``core.imports``, the report build ``monitoring.build_report``: tested in their apps.)"""

import re

from django.urls import get_resolver

from tests.test_security_urls import walk

# URL names of views that make a file on request; stored files (``*-file``, ``jobs:download``) are only streamed.
MAKES_A_FILE = re.compile(r"[-:](export|pdf|docx|xlsx|zip)$")


def background_label(callback):
    """The label ``jobs.decorators.background_file`` gave the view, through the decorators above it."""
    seen = set()
    while callback is not None and id(callback) not in seen:
        seen.add(id(callback))
        if getattr(callback, "background_label", None) is not None:
            return callback.background_label
        callback = getattr(callback, "__wrapped__", None)
    return None


def test_every_page_that_makes_a_file_is_a_background_job():
    makers = {name: background_label(callback) for _route, name, callback, _params in walk(get_resolver().url_patterns)
              if name and MAKES_A_FILE.search(name)}

    assert len(makers) >= 40
    assert sorted(name for name, label in makers.items() if label is None) == []
