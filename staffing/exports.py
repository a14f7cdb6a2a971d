"""Excel exports of the staffing lists and the printable campaign summary."""

from decimal import ROUND_HALF_UP
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.xlsx import Column
from core.xlsx import Sheet
from staffing.models import NOT_STARTED
from staffing.models import Campaign
from staffing.summary import AGE_GROUPS
from staffing.summary import CampaignSummary

SHARE_FORMAT = "0.0%"
POSTS_FORMAT = "0.00"


def _user_name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def campaigns_sheet(campaigns: QuerySet) -> Sheet:
    columns = [
        Column("title", pgettext("staffing", "Title"), width=44),
        Column("as_of", pgettext("staffing", "As of"), kind="date", width=12),
        Column("year", _("Academic year"), width=12),
        Column("deadline", pgettext("staffing", "Deadline"), kind="date", width=12),
        Column("types", _("Institutions that must answer"), width=36),
        Column("status", pgettext("staffing", "Status"), width=14),
    ]
    rows = (
        (c.title, c.as_of, c.year.title, c.deadline, c.types_display(), c.get_status_display())
        for c in campaigns.select_related("year")
    )
    return Sheet(title=_("Campaigns"), columns=columns, rows=rows)


def completeness_sheet(campaign: Campaign, institutions: QuerySet, labels: dict) -> Sheet:
    columns = [
        Column("institution", pgettext("staffing", "Institution"), width=30),
        Column("type", pgettext("staffing", "Type"), width=30),
        Column("status", pgettext("staffing", "Status"), width=22),
        Column("no_needs", _("No staffing needs"), width=12),
        Column("posts", _("Vacant posts"), kind="decimal", width=12, number_format=POSTS_FORMAT),
        Column("submitted_at", _("Submitted at"), width=18),
        Column("submitted_by", _("Submitted by"), width=26),
        Column("comment", _("Reviewer's comment"), width=40),
    ]
    rows = (
        (
            i.short_name, i.get_type_display(), str(labels[i.submission_status or NOT_STARTED]),
            _("yes") if i.no_needs else "", i.posts or 0,
            i.submitted_at.strftime("%d.%m.%Y %H:%M") if i.submitted_at else "",
            i.submitted_by_name or "", i.review_comment or "",
        )
        for i in institutions
    )
    return Sheet(title=_("Completeness"), columns=columns, rows=rows, caption=campaign.title)


def summary_sheets(summary: CampaignSummary) -> list[Sheet]:
    """Return the summary as printable sheets: totals, by position, subject, type, institution, comparison."""
    campaign, totals = summary.campaign, summary.totals
    previous = summary.previous.totals if summary.previous else None
    caption = _("{title} (as of {date})").format(title=campaign.title, date=campaign.as_of.strftime("%d.%m.%Y"))
    value_columns = [
        Column("indicator", _("Indicator"), width=50),
        Column("value", _("Value"), kind="decimal", width=16),
        Column("previous", _("Previous campaign"), kind="decimal", width=18),
    ]

    def line(label, current, before):
        return (label, current, before if previous else None)

    total_rows = [
        line(_("Institutions that must answer"), totals.required, previous and previous.required),
        line(_("Submissions received"), totals.submitted, previous and previous.submitted),
        line(_("Submitted on time"), totals.on_time, previous and previous.on_time),
        line(_("Stated no needs"), totals.no_needs, previous and previous.no_needs),
        line(_("Vacant posts (rates)"), totals.posts, previous and previous.posts),
        line(_("Pedagogues employed on the date"), totals.staff, previous and previous.staff),
        line(_("Share of vacant posts, %"), _percent(totals.share_vacant), previous and _percent(previous.share_vacant)),
        *[line(_("Staff aged {group}").format(group=label), totals.ages.get(key, 0),
               previous and previous.ages.get(key, 0)) for key, label in AGE_GROUPS],
    ]
    sheets = [Sheet(title=_("Totals"), columns=value_columns, rows=total_rows, caption=caption)]
    posts_column = Column("posts", _("Vacant posts (rates)"), kind="decimal", width=16, number_format=POSTS_FORMAT)
    rows_column = Column("rows", pgettext("staffing", "Rows"), kind="int", width=10)
    sheets.append(Sheet(
        title=_("By position"), caption=caption,
        columns=[Column("position", pgettext("staffing", "Position"), width=40), posts_column, rows_column],
        rows=[(r["position__name"], r["posts"], r["rows"]) for r in summary.by_position],
    ))
    sheets.append(Sheet(
        title=_("By subject"), caption=caption,
        columns=[Column("subject", pgettext("staffing", "Subject"), width=40), posts_column, rows_column],
        rows=[(r["subject__name"] or _("no subject"), r["posts"], r["rows"]) for r in summary.by_subject],
    ))
    age_columns = [Column(key, str(label), kind="int", width=12) for key, label in AGE_GROUPS]
    sheets.append(Sheet(
        title=_("By institution type"), caption=caption,
        columns=[Column("type", _("Institution type"), width=40), posts_column,
                 Column("staff", pgettext("staffing", "Staff"), kind="int", width=10),
                 Column("share", _("Share vacant"), kind="decimal", width=12, number_format=SHARE_FORMAT),
                 *age_columns],
        rows=[(str(r["label"]), r["posts"], r["staff"], r["share_vacant"],
               *[r["ages"][key] for key, _label in AGE_GROUPS]) for r in summary.by_type],
    ))
    sheets.append(Sheet(
        title=_("By institution"), caption=caption,
        columns=[Column("institution", pgettext("staffing", "Institution"), width=30), posts_column,
                 Column("staff", pgettext("staffing", "Staff"), kind="int", width=10),
                 Column("share", _("Share vacant"), kind="decimal", width=12, number_format=SHARE_FORMAT)],
        rows=[(r["institution"].short_name, r["posts"], r["staff"], r["share_vacant"]) for r in summary.by_institution],
    ))
    if summary.previous:
        sheets.append(Sheet(
            title=_("Comparison"),
            caption=_("Compared with «{title}»").format(title=summary.previous.campaign.title),
            columns=[Column("position", pgettext("staffing", "Position"), width=40),
                     Column("posts", _("This campaign"), kind="decimal", width=14, number_format=POSTS_FORMAT),
                     Column("previous", _("Previous campaign"), kind="decimal", width=16, number_format=POSTS_FORMAT),
                     Column("change", _("Difference"), kind="decimal", width=12, number_format="+0.00;-0.00;0")],
            rows=[(r["position"], r["posts"], r["previous"], r["change"]) for r in summary.position_comparison],
        ))
    return sheets


def _percent(value):
    if value is None:
        return None
    return (value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def documents_sheet(documents: QuerySet) -> Sheet:
    columns = [
        Column("title", pgettext("staffing", "Title"), width=60),
        Column("number", pgettext("staffing", "Number"), width=12),
        Column("date", pgettext("staffing", "Date"), kind="date", width=12),
        Column("status", pgettext("staffing", "Status"), width=18),
        Column("note", pgettext("staffing", "Note"), width=40),
    ]
    rows = ((d.title, d.number, d.date, d.get_status_display(), d.note) for d in documents)
    return Sheet(title=_("Regulatory documents"), columns=columns, rows=rows)
