"""Core's background jobs (registered with ``jobs.registry``): an Excel import's check (the preview) and its
confirmed write."""

from core.imports import IMPORT_JOB
from core.imports import PREVIEW_JOB
from core.imports import run_import
from core.imports import run_preview
from jobs.registry import register

register(PREVIEW_JOB)(run_preview)
register(IMPORT_JOB)(run_import)
