"""The organizers' dashboards: an event's registrations as charts (registrations over time,
by status, by mode, by the registrants' organization, accessibility needs, attendance), and
an organization's across its events. Viewers and above; door staff only check people in.

Each chart is one plain structure (`Chart`) drawn twice from the same numbers: as a table
(caption, headers), which is the page without JavaScript and what screen readers read, and
in a JSON island that shared/web/static/dashboard.js hands to Chart.js (/static/charts)."""

from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.registrations.context import CtxDep
from services.registrations.domain import tally
from services.registrations.domain.form import ACCESSIBILITY
from services.registrations.domain.registration_life import MODES
from services.registrations.usecases import dashboard
from services.registrations.web.routes.console_links import ConsoleLinks
from services.registrations.web.routes.organizer_pages import DeskDep, OrganizerRoute
from services.registrations.web.routes.staff_auth import Act, StaffDep
from shared.catalogs import N_
from shared.contracts import EventSnapshotV1
from shared.web.breadcrumbs import place
from shared.web.day_names import format_day
from shared.web.deps import PagesDep, SessionDep
from shared.web.i18n import DEFAULT_LANGUAGE
from shared.web.templating import Pages

router = APIRouter(include_in_schema=False, route_class=OrganizerRoute)

DASHBOARD = N_("dash_title")  # the breadcrumb of both pages
ORGANIZATION_DASHBOARD = N_("dash_org_title")
# Bootstrap Italia's primary blue (5.6:1 on white) for bars, its dark blue-grey for the line.
PALETTE = {"bar": "#0066CC", "line": "#17324D", "text": "#17324D", "grid": "#D9DADB"}


@dataclass(frozen=True)
class Series:
    label: str
    values: list[int]
    kind: str = "bar"  # or "line"


@dataclass(frozen=True)
class Chart:
    """One chart and the table behind it: a row per label, a column per series."""

    id: str
    title: str
    head: str  # the header of the labels' column
    labels: list[str]  # as the table says them
    series: list[Series]
    summary: str  # the canvas's text for screen readers
    note: str = ""
    short_labels: list[str] = field(default_factory=list)  # as the chart's axis says them
    horizontal: bool = False
    times: list[str] = field(default_factory=list)  # ISO days of a chart over time

    @property
    def rows(self) -> list[tuple[str, str, list[int]]]:
        """(label, ISO day or "", values) per row of the table."""
        times = self.times or [""] * len(self.labels)
        return [
            (label, times[i], [s.values[i] for s in self.series])
            for i, label in enumerate(self.labels)
        ]


class Words:
    """The reader's language, for the charts' texts."""

    def __init__(self, pages: Pages, request: Request) -> None:
        self.lang: str = pages.language(request)
        self.say = pages.translator(request)
        self._translations = pages.catalogs.translations(self.lang)

    def plural(self, key: str, n: int, **values: object) -> str:
        return str(self._translations.ngettext(key, key + "_plural", n) % {"n": n, **values})

    def day(self, day: date, pattern: str = "medium") -> str:
        return format_day(day, pattern, self.lang)


def category_chart(
    words: Words, id: str, title: str, head: str, counts: list[tuple[str, int]], note: str = ""
) -> Chart:
    _ = words.say
    labels = [label for label, _n in counts]
    values = [n for _label, n in counts]
    said = "; ".join(f"{label}: {n}" for label, n in counts)
    return Chart(
        id=id,
        title=title,
        head=head,
        labels=labels,
        series=[Series(_("dash_col_count"), values)],
        summary=_("dash_summary", title=title, values=said),
        note=note,
        short_labels=[label if len(label) <= 40 else label[:39] + "…" for label in labels],
        horizontal=True,
    )


def _over_time(words: Words, days: list[tally.Day]) -> Chart:
    _ = words.say
    title = _("dash_time")
    total = days[-1].total if days else 0
    first, last = (words.day(days[0].day), words.day(days[-1].day)) if days else ("", "")
    span = words.plural(N_("dash_time_summary"), total, first=first, last=last)
    return Chart(
        id="time",
        title=title,
        head=_("dash_col_day"),
        labels=[words.day(d.day) for d in days],
        short_labels=[words.day(d.day, "d MMM") for d in days],
        times=[d.day.isoformat() for d in days],
        series=[
            Series(_("dash_col_received_day"), [d.received for d in days]),
            Series(_("dash_col_total"), [d.total for d in days], kind="line"),
        ],
        summary=_("dash_summary", title=title, values=span),
    )


def _organizations(words: Words, found: tally.Organizations) -> list[tuple[str, int]]:
    _ = words.say
    named = [(name or _("org_no_organization"), n) for name, n in found.top]
    if found.other_names:
        named.append((words.plural(N_("dash_others"), found.other_names), found.others))
    return named


ATTENDANCE = {
    "checked_in": N_("dash_att_checked_in"),
    "no_show": N_("dash_att_no_show"),
    "expected": N_("dash_att_expected"),
    "online": N_("dash_att_online"),
}


def charts(words: Words, figures: tally.Figures, *, shown: tuple[str, ...]) -> list[Chart]:
    """The dashboard's charts; `shown`: the attendance lines that apply."""
    _ = words.say
    active = _("dash_active_note")
    attended = asdict(figures.attendance)
    return [
        _over_time(words, figures.days),
        category_chart(
            words,
            "status",
            _("dash_by_status"),
            _("dash_col_status"),
            [(words.say(f"org_status_{s}"), n) for s, n in figures.by_status.items()],
        ),
        category_chart(
            words,
            "mode",
            _("dash_by_mode"),
            _("dash_col_mode"),
            [(words.say(f"org_mode_{m}"), figures.by_mode[m]) for m in MODES],
            active,
        ),
        category_chart(
            words,
            "organization",
            _("dash_by_organization"),
            _("dash_col_organization"),
            _organizations(words, figures.organizations),
            active,
        ),
        category_chart(
            words,
            "needs",
            _("dash_needs"),
            _("dash_col_need"),
            [(words.say(f"org_need_{need}"), figures.needs[need]) for need in ACCESSIBILITY],
            active,
        ),
        category_chart(
            words,
            "attendance",
            _("dash_attendance"),
            _("dash_col_attendance"),
            [(words.say(ATTENDANCE[line]), attended[line]) for line in shown],
        ),
    ]


def island(found: list[Chart]) -> dict[str, Any]:
    """What dashboard.js reads: the charts' numbers and words, and the palette."""
    return {
        "palette": PALETTE,
        "charts": [
            {
                "id": chart.id,
                "title": chart.title,
                "labels": chart.short_labels or chart.labels,
                "series": [asdict(s) for s in chart.series],
                "horizontal": chart.horizontal,
            }
            for chart in found
        ],
    }


@router.get("/organizer/events/{slug}/dashboard", response_class=HTMLResponse)
async def event_dashboard(at: DeskDep) -> HTMLResponse:
    """One event's registrations as charts, each with its table."""
    at.staff.require(Act.READ)
    now = datetime.now(UTC)
    figures = await dashboard.event_figures(session=at.session, event=at.event, now=now)
    over = dashboard.ended(at.event, now)
    words = Words(at.pages, at.request)
    shown = ("checked_in", "no_show" if over else "expected", "online")
    found = charts(words, figures, shown=shown)
    context = {
        "figures": figures,
        "charts": found,
        "data": island(found),
        "ended": over,
        "section": "dashboard",
        "here": DASHBOARD,
        "organization_url": _with_lang("/organizer/dashboard", words.lang),
    }
    return at.render("dashboard_event.html", context)


def _with_lang(path: str, lang: str) -> str:
    return path if lang == DEFAULT_LANGUAGE else f"{path}?{urlencode({'lang': lang})}"


@router.get("/organizer/dashboard", response_class=HTMLResponse)
async def organization_dashboard(
    request: Request, staff: StaffDep, session: SessionDep, pages: PagesDep, ctx: CtxDep
) -> HTMLResponse:
    """The staff's organization: each event's figures and all of them together."""
    staff.require(Act.READ)
    now = datetime.now(UTC)
    found = await dashboard.organization_figures(
        session=session, organization_slug=staff.organization_slug, now=now
    )
    words = Words(pages, request)
    lines = [
        (line, EventSnapshotV1.model_validate_json(line.event.snapshot)) for line in found.events
    ]
    organization = lines[0][1].organizer if lines else None
    drawn = charts(words, found.totals, shown=tuple(ATTENDANCE))
    context = {
        "lines": lines,
        "totals": found.totals,
        "charts": drawn,
        "data": island(drawn),
        "staff": staff,
        "console_url": ConsoleLinks(ctx.settings, staff.organization_slug, words.lang).url(
            "/events"
        ),
        "event_url": lambda slug: _with_lang(f"/organizer/events/{slug}/dashboard", words.lang),
        **place(pages, request, org=organization, here=ORGANIZATION_DASHBOARD),
    }
    page = pages.render(request, "dashboard_organization.html", context)
    page.headers["Cache-Control"] = "no-store"
    return page
