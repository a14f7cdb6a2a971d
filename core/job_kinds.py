"""Core's background jobs (registered with ``jobs.registry``): a confirmed Excel import."""

from core.imports import IMPORT_JOB, run_import
from jobs.registry import register

register(IMPORT_JOB)(run_import)
