"""The preview-validate-confirm pattern of every Excel import.

An ``Importer`` names its columns, validates rows (per row and across rows) and
writes them. ``ImportView`` drives it: upload → preview with every problem
named by row and column → confirm → one transaction. Both the check and the
write are background jobs (``jobs``): the uploaded file waits in
``MEDIA_ROOT/imports/`` under a random token, the check job keeps its preview
next to it, and only the owner of that check job may see the preview and
confirm it, so nothing is written before the confirmation and no one else can
confirm it. Without a broker both jobs run in the request, as before.
"""

import hmac
import pickle
import secrets
import sys
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.utils import ErrorDict
from django.http import Http404
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop
from django.utils.translation import ngettext
from django.views import View
from simple_history.models import HistoricalRecords

from core import freshness
from core.forms import BootstrapFormMixin
from core.models import normalized_name
from core.params import parse_id
from core.xlsx import XLSX_CONTENT_TYPE
from core.xlsx import Column
from core.xlsx import ParsedRow
from core.xlsx import WorkbookError
from core.xlsx import read_table
from core.xlsx import template_bytes

# Row actions and write counts are shown through {% translate %} / gettext at run time.
ACTION_LABELS = (
    gettext_noop("create"), gettext_noop("update"), gettext_noop("skip"),
    gettext_noop("created"), gettext_noop("updated"), gettext_noop("skipped"), gettext_noop("unchanged"),
)


class ImportRejected(Exception):
    """Raised inside the write transaction when rows have problems: nothing is kept."""

    def __init__(self, rows: list[ParsedRow]):
        super().__init__("rows have problems")
        self.rows = rows


def row_message(message: str) -> str:
    """A model's message in the style of a row's problem: «Строка 5, столбец «Ставка»: убедитесь, …» (no capital
    after the colon, no final full stop); an abbreviation at the start («PD», «ШМО») keeps its capitals."""
    message = str(message).strip().removesuffix(".")
    if len(message) > 1 and message[0].isupper() and not message[1].isupper():
        message = message[0].lower() + message[1:]
    return message


def choice_index(choices: type, aliases: dict | None = None) -> dict[str, str]:
    """Return a TextChoices' values keyed by every spelling a file may use: the normalized Russian and English
    labels, the codes, and the given aliases («декрет», «первая»)."""
    index = {normalized_name(key): value for key, value in (aliases or {}).items()}
    for language in ("ru", "en"):
        with translation.override(language):
            for value, label in choices.choices:
                index[normalized_name(str(label))] = value
    for value in choices.values:
        index[value] = value
    return index


class Directories:
    """The directories importers match names against, read once per import and keyed by normalized name."""

    @cached_property
    def positions(self) -> dict:
        from core.models import Position

        return {normalized_name(p.name): p for p in Position.objects.all()}

    @cached_property
    def subjects(self) -> dict:
        from core.models import Subject

        return {normalized_name(s.name): s for s in Subject.objects.all()}


class Importer:
    """Every row is validated even when some of its cells could not be read, so every problem of a row shows in
    one round; ``validate_row`` looks up only the references that were read (``row.failed(column)``) and leaves
    the rules about the record to its model (``check_instance``)."""

    columns: Sequence[Column] = ()
    title: str = "import"
    instructions: Sequence[str] = ()
    max_rows = 20000
    # Model fields whose column has another key (``{"order_date": "category_date"}``), for ``check_instance``.
    field_columns: dict[str, str] = {}
    # What to say when the model needs a value the row leaves empty, by column key (else the model's «required»).
    missing_messages: dict[str, str] = {}

    def __init__(self, *, user, **context):
        self.user = user
        self.context = context

    # --- to override -------------------------------------------------------
    def validate_row(self, row: ParsedRow) -> None:
        """Resolve references into ``row.cleaned``, build the record and ``check_instance`` it; set
        ``row.action``."""

    def validate_rows(self, rows: list[ParsedRow]) -> None:
        """Cross-row checks (duplicates inside the file)."""

    def write(self, rows: list[ParsedRow]) -> dict[str, int]:
        """Write the valid rows; return counts such as ``{"created": 3, "updated": 1}``."""
        raise NotImplementedError

    # --- the model's rules ---------------------------------------------------
    @cached_property
    def column(self) -> dict[str, Column]:
        """The columns by key: ``row.error(self.column["title"], …)``."""
        return {column.key: column for column in self.columns}

    def column_of(self, key: str | None) -> Column | None:
        return self.column.get(key)

    def check_instance(self, row: ParsedRow, instance, *, fields: dict[str, str] | None = None,
                       exclude: Sequence[str] = ()) -> bool:
        """Validate a record built from the row with its model's own rules (``clean_fields`` and ``clean``, as a
        ModelForm does) and add every error to the row under the column the field came from; return whether the
        record is valid.

        ``fields`` maps model fields to column keys (besides ``field_columns`` and fields named as their column);
        an error of a field from no column names the field. Fields whose column already failed are not checked
        again, and neither are foreign keys: the importer resolved them from its scoped directories, so no row
        costs a query. Duplicates are found for all rows at once by the importer (naming the existing record),
        not one query per row by ``validate_constraints``.
        """
        mapping = {column.key: column.key for column in self.columns} | self.field_columns | (fields or {})
        failed = {key for key, column in ((key, self.column_of(key)) for key in set(mapping.values()))
                  if column is not None and row.failed(column)}
        skipped = set(exclude) | {name for name, key in mapping.items() if key in failed}
        skipped |= {field.name for field in instance._meta.concrete_fields if field.is_relation}
        errors: dict = {}
        for check in (lambda: instance.clean_fields(exclude=skipped), instance.clean):
            try:
                check()
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        for name, found in errors.items():
            if name in exclude:
                continue
            column = self.column_of(mapping.get(name))
            if column is not None and column.key in failed:
                continue
            for error in ValidationError(found).error_list:
                message = error.message % error.params if error.params else error.message
                if error.code in ("null", "blank") and column is not None and column.key in self.missing_messages:
                    message = self.missing_messages[column.key]
                if column is None and name != NON_FIELD_ERRORS:
                    label = instance._meta.get_field(name).verbose_name
                    message = _("{field}: {message}").format(field=label, message=row_message(message))
                row.error(column, row_message(message))
        return not errors

    # --- the flow ----------------------------------------------------------
    def parse(self, file, progress: Callable[[int, int], None] | None = None) -> list[ParsedRow]:
        """Read and check every row; ``progress(checked, total)`` is called after each row (a job's progress)."""
        rows = read_table(file, self.columns, max_rows=self.max_rows)
        if not rows:
            raise WorkbookError(_("The table has a header but no rows."))
        if len(rows) > self.max_rows:
            raise WorkbookError(_("The file has more than {count} rows.").format(count=self.max_rows))
        for checked, row in enumerate(rows, 1):
            if not row.total:
                self.validate_row(row)
            if progress is not None:
                progress(checked, len(rows))
        self.validate_rows(rows)
        return rows

    def commit(self, file, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
        with transaction.atomic():
            rows = self.parse(file, progress)
            if any(not row.ok for row in rows):
                raise ImportRejected(rows)
            return self.write(rows)

    def template_choices(self) -> dict[str, Sequence[str]]:
        """The drop-down lists of the template that depend on the user or the directories, by column key."""
        return {}

    def template(self) -> bytes:
        """Return the empty template: the header (required columns starred), drop-down lists, instructions."""
        choices = self.template_choices()
        columns = [replace(column, header=str(column.header), choices=choices.get(column.key) or column.choices)
                   for column in self.columns]
        return template_bytes(columns, title=str(self.title), instructions=self.instructions)


class UploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx or .xls)"))

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than {size} MB.").format(
                size=settings.UPLOAD_MAX_BYTES // (1024 * 1024)))
        if not file.name.lower().endswith((".xlsx", ".xlsm", ".xls")):
            raise forms.ValidationError(_("Upload an Excel workbook with the .xlsx or .xls extension."))
        return file

    @classmethod
    def refused(cls, message: str) -> "UploadForm":
        """An empty form that says why the last file was refused (its check ran in a job, not on this form)."""
        form = cls()
        form._errors = ErrorDict(file=form.error_class([message], renderer=form.renderer))
        return form


def _pending_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _upload_path(token: str) -> Path:
    return _pending_dir() / f"{token}.xlsx"


def _preview_path(token: str) -> Path:
    return _pending_dir() / f"{token}.preview"


PENDING_HOURS = 24
_PREVIEW_SALT = "core.imports.preview"


def save_preview(token: str, rows: list[ParsedRow]) -> None:
    """Keep the checked rows of an upload for its preview page, next to the upload (``MEDIA_ROOT/imports/``, the
    directory every web node and the worker share). The rows carry what the importer resolved (``row.cleaned``:
    records, directories), so they are pickled, signed with the project's secret key: a file that was not written
    here is never unpickled."""
    data = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
    _preview_path(token).write_bytes(salted_hmac(_PREVIEW_SALT, data, algorithm="sha256").digest() + data)


def load_preview(token: str) -> list[ParsedRow] | None:
    """The rows kept by ``save_preview``; None when they are gone (confirmed, purged) or were not written here."""
    try:
        content = _preview_path(token).read_bytes()
    except FileNotFoundError:
        return None
    signature, data = content[:32], content[32:]
    if not hmac.compare_digest(signature, salted_hmac(_PREVIEW_SALT, data, algorithm="sha256").digest()):
        return None
    try:
        return pickle.loads(data)  # noqa: S301 - signed above: written by this project only
    except Exception:  # noqa: BLE001 - kept by an older version of the code: as good as expired
        return None


def preview_summary(rows: list[ParsedRow]) -> dict:
    """What the preview page shows besides the rows: every problem, and the rows' actions counted."""
    actions: dict[str, int] = {}
    for row in rows:
        if row.ok and row.action:
            actions[row.action] = actions.get(row.action, 0) + 1
    return {"rows": rows, "problems": [issue for row in rows for issue in row.issues], "actions": actions}


def purge_pending(*, older_than_hours: float = PENDING_HOURS) -> int:
    """Delete uploads waiting for a confirmation that never came (``MEDIA_ROOT/imports/``) older than the
    given hours; return how many. Run daily (``purge_imports``, beat ``core.purge``)."""
    import time

    folder = Path(settings.MEDIA_ROOT) / "imports"
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than_hours * 3600
    count = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                count += 1
        except FileNotFoundError:  # confirmed or purged meanwhile
            continue
    return count


class ImportView(View):
    """The import page of ``importer_class``: ``title``, ``success_url_name`` (where the written rows are
    shown; also Back unless ``back_url_name`` says otherwise) and the template's ``template_filename``.
    An import back to a list, for those ``allowed(user)`` lets in, is ``ImportView.of(...)``; subclass when the
    page needs more (``get_importer_kwargs``, ``allowed``).

    The importer also runs in the background jobs of the check and the write, on a GET of this page as the
    job's owner (``_job_view``): ``allowed`` and ``get_importer_kwargs`` read ``self.request`` (its query
    string too) and ``self.kwargs``, never the POST.
    """

    importer_class: type[Importer]
    template_name = "includes/import.html"
    title = ""
    back_url_name = ""
    success_url_name = ""
    template_filename = "template.xlsx"

    @classmethod
    def of(cls, importer_class: type[Importer], *, title, list_url_name: str, template_filename: str,
           allowed: Callable[..., bool]) -> type["ImportView"]:
        """The import page of a list: Back and the written rows lead to ``list_url_name``. Named after the
        importer (``PairImporter`` → ``PairImportView``) in the calling module, as ``namedtuple`` does."""
        return type(importer_class.__name__.removesuffix("er") + "View", (cls,), {
            "__module__": sys._getframe(1).f_globals.get("__name__", cls.__module__),
            "importer_class": importer_class, "title": title,
            "success_url_name": list_url_name, "template_filename": template_filename,
            "allowed": lambda self, request: allowed(request.user),
        })

    def allowed(self, request) -> bool:
        return request.user.is_authenticated

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if not self.allowed(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_importer_kwargs(self) -> dict:
        return {}

    def importer(self) -> Importer:
        return self.importer_class(user=self.request.user, **self.get_importer_kwargs())

    def render_page(self, **context):
        from django.urls import reverse

        context.setdefault("form", UploadForm())
        back = self.back_url_name or self.success_url_name
        context.update(
            title=self.title,
            back_url=reverse(back, kwargs=self.kwargs or None) if back else "",
            columns=self.importer_class.columns,
        )
        return render(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            response = HttpResponse(self.importer().template(), content_type=XLSX_CONTENT_TYPE)
            response["Content-Disposition"] = f'attachment; filename="{self.template_filename}"'
            return response
        if "preview" in request.GET:
            job = self.preview_jobs().filter(pk=parse_id(request.GET["preview"]) or 0).first()
            if job is None:  # someone else's check, another page's, or none at all
                raise Http404
            return self.show_preview(job)
        return self.render_page()

    def job_params(self, token: str) -> dict:
        """What the check and the write jobs need to open this page again as its owner."""
        query = self.request.GET.copy()
        query.pop("preview", None)  # a new upload from a preview's page
        return {"path": self.request.path, "query": query.urlencode(), "token": token, "language": get_language()}

    def preview_jobs(self):
        """The checks of uploads to this page that the user made: only they show a preview and allow its write."""
        from jobs.models import Job

        return Job.objects.filter(owner=self.request.user, kind=PREVIEW_JOB, params__path=self.request.path)

    def post(self, request, *args, **kwargs):
        """Keep the upload and check it in a background job: inline without a broker (the preview at once, as a
        synchronous check showed it), otherwise this page shows the job's progress until the preview is ready."""
        from jobs.services import start as start_job

        if "confirm" in request.POST:
            return self.confirm(request)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form=form)
        token = secrets.token_hex(16)
        with _upload_path(token).open("wb") as out:
            for chunk in form.cleaned_data["file"].chunks():
                out.write(chunk)
        job = start_job(
            PREVIEW_JOB,
            user=request.user,
            params=self.job_params(token) | {"filename": form.cleaned_data["file"].name},
            label=_("Checking the file: {title}").format(title=self.title or self.importer_class.title),
        )
        if not job.is_finished:
            return redirect(preview_url(job))
        return self.show_preview(job)

    def show_preview(self, job):
        """The page of a check job: its progress while it runs, the refusal of an unreadable file, or the preview
        (every row, every problem named by row and column, the confirmation)."""
        from jobs.models import Job

        if job.status == Job.Status.FAILED:
            return self.render_page(form=UploadForm.refused(job.error))
        if job.status != Job.Status.DONE:
            return self.render_page(job=job)
        rows = load_preview(job.params["token"])
        if rows is None:
            return self.render_page(form=UploadForm.refused(_("The upload has expired. Upload the file again.")))
        return self.render_page(token=job.params["token"], filename=job.params.get("filename", ""),
                                **preview_summary(rows))

    def confirm(self, request):
        """Write the confirmed upload in a background job (jobs app): inline without a broker (the list and the
        summary at once, as before), otherwise the job's page shows the progress and can be left and come back to."""
        from jobs.models import Job
        from jobs.services import start as start_job

        token = request.POST.get("token", "")
        checked = token.isalnum() and self.preview_jobs().filter(status=Job.Status.DONE, params__token=token).exists()
        if not checked or not _upload_path(token).exists():
            messages.error(request, _("The upload has expired. Upload the file again."))
            return redirect(request.path)
        job = start_job(
            IMPORT_JOB,
            user=request.user,
            params=self.job_params(token),
            label=_("Import: {title}").format(title=self.title or self.importer_class.title),
        )
        if job.status == Job.Status.DONE:
            messages.success(request, job.message)
            return redirect(job.result_url or request.path)
        if job.status == Job.Status.FAILED:
            messages.error(request, job.error)
            return redirect(request.path)
        return redirect(job)


IMPORT_JOB = "core.import"
PREVIEW_JOB = "core.import_preview"


def preview_url(job) -> str:
    """The import page showing the check job's progress and then its preview (the job's result page)."""
    from django.http import QueryDict

    query = QueryDict(job.params.get("query") or "", mutable=True)
    query["preview"] = str(job.pk)
    return f"{job.params['path']}?{query.urlencode()}"


def _mark_indicators(user) -> None:
    """Importers write with bulk_create (no signals): the stored indicator values of the municipalities the
    importing user works in go stale together (monitoring, listening to ``core.freshness``, recomputes them in
    the background)."""
    from core.models import Institution

    freshness.municipalities_written(
        Institution.objects.for_user(user).order_by().values_list("municipality_id", flat=True).distinct()
    )


def _job_view(job):
    """The import page of a check or write job, set up on a GET as the job's owner (their scoping and language),
    and its upload; a ``JobError`` when the page, the access or the upload is gone."""
    from django.urls import Resolver404
    from django.urls import resolve

    from jobs.kinds import _worker_request
    from jobs.services import JobError

    request = _worker_request(job)
    try:
        match = resolve(job.params["path"])
    except Resolver404 as exc:
        raise JobError(_("The page of this import no longer exists."), status=404) from exc
    view = match.func.view_class(**getattr(match.func, "view_initkwargs", {}))
    view.setup(request, *match.args, **match.kwargs)
    if not view.allowed(request):
        raise JobError(_("You have no access to this import."), status=403)
    path = _upload_path(job.params["token"])
    if not path.exists():
        raise JobError(_("The upload has expired. Upload the file again."))
    return request, view, path


def rows_checked(progress, *, low: int, high: int) -> Callable[[int, int], None]:
    """``Importer.parse``'s progress as a job's: «Checked 120 of 1 000 rows», low–high per cent."""

    def report(checked: int, total: int) -> None:
        progress(low + (high - low) * checked // max(total, 1), ngettext(
            "Checked {checked} of {total} row", "Checked {checked} of {total} rows", total,
        ).format(checked=number_format(checked, force_grouping=True), total=number_format(total, force_grouping=True)))

    return report


def run_preview(job, progress) -> None:
    """The job of an upload's check (``core/job_kinds.py``): the view's importer reads and checks every row as the
    job's owner and the rows are kept for the preview (``save_preview``); the result is the import page showing
    them. Nothing is written, so a rerun checks again. A file that cannot be read fails the job with the reason,
    which the import page shows under the upload form."""
    from jobs.services import JobError

    _request, view, path = _job_view(job)
    progress(5, _("Reading the file"), force=True)
    try:
        with path.open("rb") as file:
            rows = view.importer().parse(file, rows_checked(progress, low=10, high=95))
    except WorkbookError as exc:
        path.unlink(missing_ok=True)
        raise JobError(str(exc)) from exc
    save_preview(job.params["token"], rows)
    job.result_url = preview_url(job)
    problems = sum(len(row.issues) for row in rows)
    job.message = ngettext("{rows} row checked", "{rows} rows checked", len(rows)).format(rows=len(rows))
    if problems:
        job.message += "; " + ngettext("{count} problem", "{count} problems", problems).format(count=problems)


def run_import(job, progress) -> None:
    """The job of a confirmed import (``core/job_kinds.py``): the upload's rows are checked again and written in
    one transaction as the job's owner, through the same view's importer; the result is the view's success page.

    A rerun after the worker died finds ``job.result_url`` set in the same transaction as the rows: nothing is
    written twice.
    """
    from django.urls import reverse

    from jobs.models import Job
    from jobs.services import JobError

    if job.result_url:
        return
    request, view, path = _job_view(job)
    progress(10, _("Checking and writing the rows"), force=True)
    success = reverse(view.success_url_name, kwargs=view.kwargs or None)
    # The history rows name the importing user, as the history middleware does in a request.
    context = HistoricalRecords.context
    outer = getattr(context, "request", None)
    context.request = request
    try:
        with transaction.atomic():
            with path.open("rb") as file:
                counts = view.importer().commit(file, rows_checked(progress, low=10, high=60))
            _mark_indicators(job.owner)
            Job.objects.filter(pk=job.pk).update(result_url=success)
    except (WorkbookError, ImportRejected) as exc:
        path.unlink(missing_ok=True)
        _preview_path(job.params["token"]).unlink(missing_ok=True)
        raise JobError(_("The file has problems; nothing was written. Upload it again.")) from exc
    finally:
        if outer is None:
            del context.request
        else:
            context.request = outer
    path.unlink(missing_ok=True)
    _preview_path(job.params["token"]).unlink(missing_ok=True)
    job.result_url = success
    summary = ", ".join(f"{_(key)}: {value}" for key, value in counts.items())
    job.message = _("Import done ({summary}).").format(summary=summary)
