#!/usr/bin/env python3
"""Generate the Verdict Calendar policies under policies/calendars/.

Usage (from the repository root or anywhere):

    python3 tools/calendars/gen_calendars.py            # (re)write policies/calendars/*.yaml
    python3 tools/calendars/gen_calendars.py --check    # exit 1 if a file differs from what would be generated
    python3 tools/calendars/gen_calendars.py --out DIR  # write somewhere else (for review)

Python 3 standard library only. The output is deterministic: the same generator gives
byte-identical files, so a change of rules shows up as a reviewable diff.

Rules are encoded per jurisdiction below. Movable Christian feasts are computed from
Easter Sunday (anonymous Gregorian algorithm, a.k.a. Meeus/Jones/Butcher). Lunar-calendar
holidays (Singapore) cannot be computed: they are taken from the dates the Ministry of
Manpower published, and the calendar's `years` stops at the last published year.

Every run first checks a list of known dates (SELF_CHECKS); a failure aborts without
writing anything.

Content is from secondary sources and knowledge, not the official gazettes: every file is
`verification: verified-secondary` at best and lists its open points in `unverified:`.
Bump VERSION whenever the generated content changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

VERSION = "2026.1.0"
OWNER = "compliance-engineering"
EFFECTIVE_FROM = "2020-01-01"
YEARS = (2024, 2030)  # inclusive; the range every algorithmic calendar covers

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "policies" / "calendars"

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
D = dt.date
DAY = dt.timedelta(days=1)

Holiday = tuple[dt.date, str]


# --------------------------------------------------------------------------- date helpers


def easter(year: int) -> dt.date:
    """Easter Sunday, Gregorian calendar (anonymous algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (name from the published algorithm)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """n-th (1-based) given weekday of a month."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def last_weekday(year: int, month: int, weekday: int) -> dt.date:
    """Last given weekday of a month."""
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - DAY
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def years(rng: tuple[int, int] = YEARS) -> range:
    return range(rng[0], rng[1] + 1)


# --------------------------------------------------------------------------- calendar model


@dataclass
class Calendar:
    slug: str
    zone: str
    title: str
    description: str
    citations: list[str]
    verification: str
    unverified: list[str]
    holidays: Callable[[int], Iterable[Holiday]]  # year -> holidays dated in that year
    years: tuple[int, int] = YEARS
    version: str = VERSION
    notes: list[str] = field(default_factory=list)  # YAML comment lines above `holidays:`
    weekend: tuple[str, ...] = ("saturday", "sunday")

    @property
    def id(self) -> str:
        return f"calendars/{self.slug}"

    def all_holidays(self) -> list[Holiday]:
        out: list[Holiday] = []
        for y in years(self.years):
            out.extend(self.holidays(y))
        # Two holidays on one date (e.g. Luxembourg 2024-05-09: Ascension Day and Europe Day)
        # become one entry whose name joins both, in rule order.
        merged: dict[dt.date, str] = {}
        for d, name in out:
            merged[d] = f"{merged[d]}; {name}" if d in merged else name
        out = sorted(merged.items())
        for d, _ in out:
            if not self.years[0] <= d.year <= self.years[1]:
                raise SystemExit(f"{self.id}: {d} outside years {self.years}")
        return out


# --------------------------------------------------------------------------- United States (federal)


def us_federal(y: int) -> list[Holiday]:
    """Legal public holidays, 5 U.S.C. 6103(a), on the day federal offices observe them.

    Observed-day rule (5 U.S.C. 6103(b), E.O. 11582): a holiday on Saturday is observed on the
    Friday before, one on Sunday on the Monday after. Only the observed date is listed (the
    Saturday/Sunday itself is a weekend day anyway). New Year's Day on a Saturday is observed on
    31 December of the previous year, so that date is listed under the previous year.
    """
    days = [
        (D(y, 1, 1), "New Year's Day"),
        (nth_weekday(y, 1, MON, 3), "Birthday of Martin Luther King, Jr."),
        (nth_weekday(y, 2, MON, 3), "Washington's Birthday"),
        (last_weekday(y, 5, MON), "Memorial Day"),
        (D(y, 6, 19), "Juneteenth National Independence Day"),
        (D(y, 7, 4), "Independence Day"),
        (nth_weekday(y, 9, MON, 1), "Labor Day"),
        (nth_weekday(y, 10, MON, 2), "Columbus Day"),
        (D(y, 11, 11), "Veterans Day"),
        (nth_weekday(y, 11, THU, 4), "Thanksgiving Day"),
        (D(y, 12, 25), "Christmas Day"),
    ]
    out: list[Holiday] = []
    for d, name in days:
        if d.weekday() == SAT:
            out.append((d - DAY, f"{name} (observed)"))
        elif d.weekday() == SUN:
            out.append((d + DAY, f"{name} (observed)"))
        else:
            out.append((d, name))
    # New Year's Day of the following year, observed on Friday 31 December of this year.
    if D(y + 1, 1, 1).weekday() == SAT:
        out.append((D(y, 12, 31), f"New Year's Day {y + 1} (observed)"))
    # ...and the current year's New Year's Day, if on Saturday, was observed the year before.
    return [(d, n) for d, n in out if d.year == y]


# --------------------------------------------------------------------------- Brazil (national)


def br_national(y: int) -> list[Holiday]:
    e = easter(y)
    days = [
        (D(y, 1, 1), "Confraternização Universal (New Year's Day)"),
        (e - dt.timedelta(days=48), "Carnaval, segunda-feira (Carnival Monday; ponto facultativo)"),
        (e - dt.timedelta(days=47), "Carnaval, terça-feira (Carnival Tuesday; ponto facultativo)"),
        (e - dt.timedelta(days=2), "Paixão de Cristo (Good Friday)"),
        (D(y, 4, 21), "Tiradentes"),
        (D(y, 5, 1), "Dia do Trabalho (Labour Day)"),
        (e + dt.timedelta(days=60), "Corpus Christi (ponto facultativo)"),
        (D(y, 9, 7), "Independência do Brasil (Independence Day)"),
        (D(y, 10, 12), "Nossa Senhora Aparecida"),
        (D(y, 11, 2), "Finados (All Souls' Day)"),
        (D(y, 11, 15), "Proclamação da República (Republic Day)"),
        (D(y, 12, 25), "Natal (Christmas Day)"),
    ]
    if y >= 2024:  # Lei 14.759/2023
        days.append((D(y, 11, 20), "Dia Nacional de Zumbi e da Consciência Negra"))
    return days


# --------------------------------------------------------------------------- EU member states


def de_nationwide(y: int) -> list[Holiday]:
    e = easter(y)
    return [
        (D(y, 1, 1), "New Year's Day (Neujahr)"),
        (e - dt.timedelta(days=2), "Good Friday (Karfreitag)"),
        (e + dt.timedelta(days=1), "Easter Monday (Ostermontag)"),
        (D(y, 5, 1), "Labour Day (Tag der Arbeit)"),
        (e + dt.timedelta(days=39), "Ascension Day (Christi Himmelfahrt)"),
        (e + dt.timedelta(days=50), "Whit Monday (Pfingstmontag)"),
        (D(y, 10, 3), "German Unity Day (Tag der Deutschen Einheit)"),
        (D(y, 12, 25), "Christmas Day (1. Weihnachtstag)"),
        (D(y, 12, 26), "St Stephen's Day (2. Weihnachtstag)"),
    ]


def fr(y: int) -> list[Holiday]:
    e = easter(y)
    return [
        (D(y, 1, 1), "New Year's Day (Jour de l'an)"),
        (e + dt.timedelta(days=1), "Easter Monday (Lundi de Pâques)"),
        (D(y, 5, 1), "Labour Day (Fête du Travail)"),
        (D(y, 5, 8), "Victory in Europe Day (Victoire 1945)"),
        (e + dt.timedelta(days=39), "Ascension Day (Ascension)"),
        (e + dt.timedelta(days=50), "Whit Monday (Lundi de Pentecôte)"),
        (D(y, 7, 14), "National Day (Fête nationale)"),
        (D(y, 8, 15), "Assumption (Assomption)"),
        (D(y, 11, 1), "All Saints' Day (Toussaint)"),
        (D(y, 11, 11), "Armistice Day (Armistice 1918)"),
        (D(y, 12, 25), "Christmas Day (Noël)"),
    ]


def ie(y: int) -> list[Holiday]:
    e = easter(y)
    feb1 = D(y, 2, 1)
    brigid = feb1 if feb1.weekday() == FRI else nth_weekday(y, 2, MON, 1)
    return [
        (D(y, 1, 1), "New Year's Day"),
        (brigid, "St Brigid's Day (Lá Fhéile Bríde)"),
        (D(y, 3, 17), "St Patrick's Day"),
        (e + dt.timedelta(days=1), "Easter Monday"),
        (nth_weekday(y, 5, MON, 1), "May public holiday (first Monday in May)"),
        (nth_weekday(y, 6, MON, 1), "June public holiday (first Monday in June)"),
        (nth_weekday(y, 8, MON, 1), "August public holiday (first Monday in August)"),
        (last_weekday(y, 10, MON), "October public holiday (last Monday in October)"),
        (D(y, 12, 25), "Christmas Day"),
        (D(y, 12, 26), "St Stephen's Day"),
    ]


def ie_weekend_days() -> list[str]:
    """Irish public holidays in range that fall on a weekend (for the YAML comment)."""
    out = []
    for y in years():
        for d, name in ie(y):
            if d.weekday() >= SAT:
                out.append(f"{d.isoformat()} {d.strftime('%a')} {name}")
    return out


def nl(y: int) -> list[Holiday]:
    e = easter(y)
    kingsday = D(y, 4, 27)
    if kingsday.weekday() == SUN:
        kingsday = D(y, 4, 26)
    return [
        (D(y, 1, 1), "New Year's Day (Nieuwjaarsdag)"),
        (e - dt.timedelta(days=2), "Good Friday (Goede Vrijdag)"),
        (e + dt.timedelta(days=1), "Easter Monday (Tweede Paasdag)"),
        (kingsday, "King's Day (Koningsdag)"),
        (D(y, 5, 5), "Liberation Day (Bevrijdingsdag)"),
        (e + dt.timedelta(days=39), "Ascension Day (Hemelvaartsdag)"),
        (e + dt.timedelta(days=50), "Whit Monday (Tweede Pinksterdag)"),
        (D(y, 12, 25), "Christmas Day (Eerste Kerstdag)"),
        (D(y, 12, 26), "Second Day of Christmas (Tweede Kerstdag)"),
    ]


def be(y: int) -> list[Holiday]:
    e = easter(y)
    return [
        (D(y, 1, 1), "New Year's Day (Nieuwjaar / Jour de l'An)"),
        (e + dt.timedelta(days=1), "Easter Monday (Paasmaandag / Lundi de Pâques)"),
        (D(y, 5, 1), "Labour Day (Feest van de Arbeid / Fête du Travail)"),
        (e + dt.timedelta(days=39), "Ascension Day (O.L.H. Hemelvaart / Ascension)"),
        (e + dt.timedelta(days=50), "Whit Monday (Pinkstermaandag / Lundi de Pentecôte)"),
        (D(y, 7, 21), "National Day (Nationale feestdag / Fête nationale)"),
        (D(y, 8, 15), "Assumption (O.L.V. Hemelvaart / Assomption)"),
        (D(y, 11, 1), "All Saints' Day (Allerheiligen / Toussaint)"),
        (D(y, 11, 11), "Armistice Day (Wapenstilstand / Armistice)"),
        (D(y, 12, 25), "Christmas Day (Kerstmis / Noël)"),
    ]


ES_NATIONAL_FIXED = [
    ((1, 1), "New Year's Day (Año Nuevo)"),
    ((1, 6), "Epiphany (Epifanía del Señor)"),
    ((5, 1), "Labour Day (Fiesta del Trabajo)"),
    ((8, 15), "Assumption (Asunción de la Virgen)"),
    ((10, 12), "National Day of Spain (Fiesta Nacional de España)"),
    ((11, 1), "All Saints' Day (Todos los Santos)"),
    ((12, 6), "Constitution Day (Día de la Constitución Española)"),
    ((12, 8), "Immaculate Conception (Inmaculada Concepción)"),
    ((12, 25), "Christmas Day (Natividad del Señor)"),
]


def es(y: int) -> list[Holiday]:
    days = [(D(y, m, d), name) for (m, d), name in ES_NATIONAL_FIXED]
    days.append((easter(y) - dt.timedelta(days=2), "Good Friday (Viernes Santo)"))
    return days


def es_sunday_holidays() -> list[str]:
    """Spanish national holidays in range that fall on a Sunday (Monday transfer is regional)."""
    return [
        f"{d.isoformat()} {name}"
        for y in years()
        for d, name in es(y)
        if d.weekday() == SUN
    ]


def it(y: int) -> list[Holiday]:
    e = easter(y)
    days = [
        (D(y, 1, 1), "New Year's Day (Capodanno)"),
        (D(y, 1, 6), "Epiphany (Epifania)"),
        (e + dt.timedelta(days=1), "Easter Monday (Lunedì dell'Angelo)"),
        (D(y, 4, 25), "Liberation Day (Festa della Liberazione)"),
        (D(y, 5, 1), "Labour Day (Festa del Lavoro)"),
        (D(y, 6, 2), "Republic Day (Festa della Repubblica)"),
        (D(y, 8, 15), "Assumption (Ferragosto / Assunzione)"),
        (D(y, 11, 1), "All Saints' Day (Ognissanti)"),
        (D(y, 12, 8), "Immaculate Conception (Immacolata Concezione)"),
        (D(y, 12, 25), "Christmas Day (Natale)"),
        (D(y, 12, 26), "St Stephen's Day (Santo Stefano)"),
    ]
    if y >= 2026:  # Legge 151/2025, in force 1 January 2026
        days.append((D(y, 10, 4), "St Francis of Assisi, patron of Italy (Festa nazionale di San Francesco d'Assisi)"))
    return days


def lu(y: int) -> list[Holiday]:
    e = easter(y)
    return [
        (D(y, 1, 1), "New Year's Day (Neijoerschdag / Jour de l'An)"),
        (e + dt.timedelta(days=1), "Easter Monday (Ouschterméindeg / Lundi de Pâques)"),
        (D(y, 5, 1), "Labour Day (Dag vun der Aarbecht / Fête du Travail)"),
        (D(y, 5, 9), "Europe Day (Europadag / Journée de l'Europe)"),
        (e + dt.timedelta(days=39), "Ascension Day (Christi Himmelfahrt / Ascension)"),
        (e + dt.timedelta(days=50), "Whit Monday (Péngschtméindeg / Lundi de Pentecôte)"),
        (D(y, 6, 23), "National Day (Nationalfeierdag / Fête nationale)"),
        (D(y, 8, 15), "Assumption (Léiffrawëschdag / Assomption)"),
        (D(y, 11, 1), "All Saints' Day (Allerhellgen / Toussaint)"),
        (D(y, 12, 25), "Christmas Day (Chrëschtdag / Noël)"),
        (D(y, 12, 26), "St Stephen's Day (Stiefesdag / Saint-Étienne)"),
    ]


# --------------------------------------------------------------------------- England & Wales


GB_SPECIAL: dict[dt.date, str] = {
    # One-off bank holidays by Royal Proclamation, 2024-2030. None known: the last ones were
    # 2022 (Platinum Jubilee 3 Jun, State Funeral 19 Sep) and 2023 (Coronation 8 May). Add
    # here (and any moved days in GB_MOVED) when proclaimed.
}
GB_MOVED: dict[dt.date, dt.date] = {
    # usual date -> proclaimed date (e.g. 2020: early May bank holiday moved 4 May -> 8 May).
}


def gb_eaw(y: int) -> list[Holiday]:
    e = easter(y)
    out: list[Holiday] = []

    # New Year's Day (Royal Proclamation); Saturday or Sunday -> the following Monday.
    ny = D(y, 1, 1)
    if ny.weekday() == SAT:
        out.append((ny + 2 * DAY, "New Year's Day (substitute day)"))
    elif ny.weekday() == SUN:
        out.append((ny + DAY, "New Year's Day (substitute day)"))
    else:
        out.append((ny, "New Year's Day"))

    out.append((e - 2 * DAY, "Good Friday"))  # common-law holiday
    out.append((e + DAY, "Easter Monday"))  # BFDA 1971 Sch. 1
    out.append((nth_weekday(y, 5, MON, 1), "Early May bank holiday"))  # Royal Proclamation
    out.append((last_weekday(y, 5, MON), "Spring bank holiday"))  # BFDA 1971 Sch. 1
    out.append((last_weekday(y, 8, MON), "Summer bank holiday"))  # BFDA 1971 Sch. 1

    # Christmas Day (common law) and Boxing Day (BFDA 1971 Sch. 1: 26 Dec if not a Sunday;
    # 27 Dec if 25 or 26 Dec is a Sunday), with substitute days by Royal Proclamation when
    # Christmas falls on a Saturday. Resulting pattern (as on gov.uk):
    xmas = D(y, 12, 25)
    wd = xmas.weekday()
    if wd == FRI:  # Boxing Day Saturday -> Monday 28
        out += [(xmas, "Christmas Day"), (D(y, 12, 28), "Boxing Day (substitute day)")]
    elif wd == SAT:  # both on the weekend -> Monday 27 and Tuesday 28
        out += [(D(y, 12, 27), "Christmas Day (substitute day)"), (D(y, 12, 28), "Boxing Day (substitute day)")]
    elif wd == SUN:  # Boxing Day Monday 26, Christmas substitute Tuesday 27
        out += [(D(y, 12, 26), "Boxing Day"), (D(y, 12, 27), "Christmas Day (substitute day)")]
    else:
        out += [(xmas, "Christmas Day"), (D(y, 12, 26), "Boxing Day")]

    out = [(GB_MOVED.get(d, d), n) for d, n in out]
    out += [(d, n) for d, n in GB_SPECIAL.items() if d.year == y]
    return out


# --------------------------------------------------------------------------- Singapore

# Dates as published (gazetted) by the Ministry of Manpower, before the Sunday rule. Only years
# whose list is known with confidence. Good Friday is computed from Easter and checked against
# these lists in SELF_CHECKS. Add a year here and extend SG_YEARS when MOM publishes it.
SG_PUBLISHED: dict[int, list[tuple[tuple[int, int], str]]] = {
    2024: [
        ((2, 10), "Chinese New Year"),
        ((2, 11), "Chinese New Year (second day)"),
        ((4, 10), "Hari Raya Puasa"),
        ((5, 22), "Vesak Day"),
        ((6, 17), "Hari Raya Haji"),
        ((10, 31), "Deepavali"),
    ],
    2025: [
        ((1, 29), "Chinese New Year"),
        ((1, 30), "Chinese New Year (second day)"),
        ((3, 31), "Hari Raya Puasa"),
        ((5, 3), "Polling Day (General Election 2025)"),
        ((5, 12), "Vesak Day"),
        ((6, 7), "Hari Raya Haji"),
        ((10, 20), "Deepavali"),
    ],
    2026: [
        ((2, 17), "Chinese New Year"),
        ((2, 18), "Chinese New Year (second day)"),
        ((3, 21), "Hari Raya Puasa"),
        ((5, 27), "Hari Raya Haji"),
        ((5, 31), "Vesak Day"),
        ((11, 8), "Deepavali"),
    ],
}
SG_YEARS = (min(SG_PUBLISHED), max(SG_PUBLISHED))


def sg(y: int) -> list[Holiday]:
    days = [
        (D(y, 1, 1), "New Year's Day"),
        (easter(y) - 2 * DAY, "Good Friday"),
        (D(y, 5, 1), "Labour Day"),
        (D(y, 8, 9), "National Day"),
        (D(y, 12, 25), "Christmas Day"),
    ] + [(D(y, m, d), name) for (m, d), name in SG_PUBLISHED[y]]
    days.sort()
    # Holidays Act: a public holiday falling on a Sunday -> the next day that is not itself a
    # public holiday is a public holiday. (Saturday holidays are not moved.)
    taken = {d for d, _ in days}
    out = list(days)
    for d, name in days:
        if d.weekday() == SUN:
            nxt = d + DAY
            while nxt in taken:
                nxt += DAY
            taken.add(nxt)
            out.append((nxt, f"Public holiday: {name} fell on a Sunday"))
    return out


# --------------------------------------------------------------------------- the calendars

INAUGURATION_NOTE = [
    "Inauguration Day (20 January every fourth year, 5 U.S.C. 6103(c)) is deliberately NOT listed:",
    "it is a holiday only for federal employees in DC and the neighbouring Maryland/Virginia",
    "counties and cities. In range it falls on 2025-01-20 (already MLK Day) and on Saturday",
    "2029-01-20 (no in-lieu day for a Saturday Inauguration Day, best understanding).",
    "Not listed either: one-off executive-order closures, which are not 6103(a) holidays:",
    "2024-12-24 (Christmas Eve), 2025-01-09 (National Day of Mourning, President Carter),",
    "2025-12-24 and 2025-12-26 (E.O. of 18 Dec 2025).",
]

CALENDARS: list[Calendar] = [
    Calendar(
        slug="us-federal",
        zone="America/New_York",
        years=(2023, 2030),  # SEC Item 1.05 applies from 18 Dec 2023
        version="2026.2.0",
        title="US federal holidays (OPM) — business days for SEC Form 8-K",
        description=(
            "Legal public holidays of 5 U.S.C. 6103(a) on the day federal offices observe them "
            "(Saturday holiday -> preceding Friday, Sunday holiday -> following Monday). "
            "Business day = Monday-Friday that is not listed here."
        ),
        citations=[
            "5 U.S.C. 6103(a) (legal public holidays)",
            "5 U.S.C. 6103(b) and Executive Order 11582 (observed day for Saturday/Sunday holidays)",
            "17 CFR 240.0-3 (business day)",
            "17 CFR 232.11 (Regulation S-T, business day)",
        ],
        verification="verified-secondary",
        unverified=[
            "Dates computed from the statutory rules, not copied from the OPM holiday tables.",
            "Whether one-off executive-order closures (2024-12-24, 2025-01-09, 2025-12-24, 2025-12-26) "
            "are non-business days for SEC filing purposes is not checked; they are not listed.",
            "Which of the Saturday->Friday and Sunday->Monday rules sits in 6103(b) and which in "
            "E.O. 11582 s.3 is from memory; the resulting dates were cross-checked against an "
            "independent open-source holiday dataset, not against OPM's tables.",
            "EDGAR filing-date cut-offs (e.g. 5:30 pm ET) are not modelled by a calendar.",
        ],
        holidays=us_federal,
        notes=INAUGURATION_NOTE,
    ),
    Calendar(
        slug="br-national",
        zone="America/Sao_Paulo",
        title="Brazil national holidays and federal pontos facultativos — dias úteis for ANPD",
        description=(
            "National public holidays (Lei 662/1949 as amended by Lei 10.607/2002; Lei 6.802/1980; "
            "Lei 14.759/2023 from 2024) plus Good Friday and the full-day pontos facultativos of the "
            "federal administration on Carnival Monday/Tuesday and Corpus Christi, on which the ANPD "
            "(a federal body in Brasília) does not work."
        ),
        citations=[
            "Lei nº 662/1949, art. 1 (as amended by Lei nº 10.607/2002)",
            "Lei nº 6.802/1980 (Nossa Senhora Aparecida, 12 October)",
            "Lei nº 14.759/2023 (Dia Nacional de Zumbi e da Consciência Negra, 20 November)",
            "Lei nº 9.093/1995, art. 2 (religious holidays incl. Sexta-Feira da Paixão)",
            "Annual Portaria of the Ministério da Gestão e da Inovação em Serviços Públicos "
            "(feriados nacionais e pontos facultativos), e.g. for 2026",
        ],
        verification="partly-verified",
        unverified=[
            "CHOICE: Carnival Monday and Tuesday and Corpus Christi are pontos facultativos, not "
            "holidays; they are listed because the federal administration (ANPD) does not work on "
            "them. Whether they are dias úteis for the LGPD/Res. CD/ANPD 15/2024 business-day clock "
            "is not verified.",
            "Good Friday is listed as the federal Portaria lists it as a feriado nacional; in law it "
            "is a religious holiday declared by municipal law (Lei 9.093/1995 art. 2).",
            "Not listed: Ash Wednesday (ponto facultativo until 14:00 only), the half-day pontos "
            "facultativos of 24 and 31 December (after 13:00), Dia do Servidor Público (28 October, "
            "often moved by the Portaria), and per-year bridge days declared by the Portaria "
            "(e.g. 2025-06-20, 2026-04-20, 2026-06-05).",
            "Distrito Federal holidays (e.g. Dia do Evangélico, 30 November, Lei Distrital 963/1995) "
            "are not listed; whether ANPD deadlines count DF holidays is unverified.",
            "Years after 2026: pontos facultativos follow the usual pattern; the Portaria for each "
            "year is published only in late December of the year before.",
        ],
        holidays=br_national,
    ),
    Calendar(
        slug="de",
        zone="Europe/Berlin",
        title="Germany — nationwide public holidays",
        description=(
            "Public holidays observed in all sixteen Länder. Holidays of only some Länder are not "
            "listed."
        ),
        citations=[
            "Einigungsvertrag, Art. 2(2) (Tag der Deutschen Einheit, 3 October)",
            "Feiertagsgesetze of the 16 Länder (e.g. FTG NRW, BayFTG)",
        ],
        verification="verified-secondary",
        unverified=[
            "Holidays are Land law; the nationwide set is the intersection of the 16 Feiertagsgesetze, "
            "taken from secondary sources.",
            "Not listed (regional): Epiphany, International Women's Day (BE, MV), Easter Sunday and "
            "Whit Sunday (BB; Sundays anyway), Corpus Christi, Augsburg Peace Festival, Assumption, "
            "World Children's Day (TH), Reformation Day, All Saints' Day, Day of Repentance and "
            "Prayer (SN). Use a Land calendar where the authority's Land matters.",
        ],
        holidays=de_nationwide,
    ),
    Calendar(
        slug="fr",
        zone="Europe/Paris",
        title="France — public holidays (jours fériés)",
        description="The eleven jours fériés of the Code du travail, metropolitan France.",
        citations=["Code du travail, art. L3133-1"],
        verification="verified-secondary",
        unverified=[
            "Whit Monday is listed as a jour férié (L3133-1) although employers may make it the "
            "working 'journée de solidarité' (L3133-7 ff.).",
            "Not listed: Good Friday and 26 December (Alsace-Moselle only, L3134-13) and the "
            "abolition-of-slavery days of the overseas departments.",
        ],
        holidays=fr,
    ),
    Calendar(
        slug="ie",
        zone="Europe/Dublin",
        title="Ireland — public holidays",
        description=(
            "Public holidays of the Organisation of Working Time Act 1997, Schedule 2, incl. "
            "St Brigid's Day (from 2023: first Monday in February, or 1 February if that is a "
            "Friday). Holidays on a weekend are listed on their own date; the law has no "
            "substitute-day rule."
        ),
        citations=[
            "Organisation of Working Time Act 1997, s. 21 and Schedule 2 (as amended; St Brigid's Day from 2023)",
        ],
        verification="verified-secondary",
        unverified=[
            "No substitute days: when a public holiday falls on a weekend the Act gives employees a "
            "benefit (day off within a month, extra leave or pay), not a fixed public day. Banks and "
            "the public service customarily close on the next working day; those days are not "
            "listed (see the comment above holidays).",
            "Good Friday is not a public holiday and is not listed.",
        ],
        holidays=ie,
        notes=[
            "Weekend public holidays in range (a customary next-working-day closure of banks/public",
            "service is NOT listed, because the Act does not move the holiday):",
        ]
        + ["  " + s for s in ie_weekend_days()],
    ),
    Calendar(
        slug="nl",
        zone="Europe/Amsterdam",
        title="Netherlands — algemeen erkende feestdagen (Algemene termijnenwet)",
        description=(
            "Generally recognised public holidays of the Algemene termijnenwet art. 3(1), with "
            "Good Friday (art. 3(2)). Koningsdag is 27 April, or 26 April when 27 April is a Sunday."
        ),
        citations=[
            "Algemene termijnenwet, art. 3(1) and 3(2)",
            "Koninklijk besluit of 2013 on the date of Koningsdag (27 April; 26 April if 27 April is a Sunday)",
        ],
        verification="verified-secondary",
        unverified=[
            "Not listed: the days 'gelijkgesteld' with a holiday by the periodic royal decree under "
            "art. 3(3) Algemene termijnenwet (e.g. the Friday after Ascension Day); their decreed "
            "dates for 2024-2030 were not checked.",
            "Liberation Day (5 May) is a holiday every year for the Algemene termijnenwet; paid leave "
            "on it depends on collective agreements.",
            "The instrument fixing Koningsdag (royal decree of 2013) is cited from memory; the "
            "Sunday -> Saturday 26 April rule itself is well established (e.g. 2025-04-26).",
        ],
        holidays=nl,
    ),
    Calendar(
        slug="be",
        zone="Europe/Brussels",
        title="Belgium — public holidays (feestdagen / jours fériés)",
        description="The ten legal public holidays; no substitute days (employers grant a replacement day).",
        citations=[
            "Wet van 4 januari 1974 betreffende de feestdagen / Loi du 4 janvier 1974 relative aux jours fériés",
            "Koninklijk besluit / Arrêté royal du 18 avril 1974, art. 1",
        ],
        verification="verified-secondary",
        unverified=[
            "A holiday on a Sunday gives workers an employer-chosen replacement day, not a public "
            "day; none is listed.",
            "Not listed: community holidays (11 July Flemish, 27 September French, 15 November "
            "German-speaking community) and the extra days off of the federal administration "
            "(2 November, 15 November King's Feast, 26 December), which the data protection "
            "authority (federal) may observe — unverified.",
        ],
        holidays=be,
    ),
    Calendar(
        slug="es",
        zone="Europe/Madrid",
        title="Spain — national public holidays (fiestas de ámbito nacional)",
        description=(
            "National holidays kept in every autonomous community: the non-substitutable fiestas "
            "nacionales plus Epiphany. Regional and local holidays, Holy Thursday and Monday "
            "transfers of Sunday holidays are not listed."
        ),
        citations=[
            "Estatuto de los Trabajadores (RDLeg 2/2015), art. 37.2",
            "Real Decreto 2001/1983, art. 45",
            "Ley 18/1987 (Fiesta Nacional de España, 12 October)",
            "Annual Resolución de la Dirección General de Trabajo (relación de fiestas laborales, BOE)",
        ],
        verification="verified-secondary",
        unverified=[
            "Epiphany (6 January) is a national holiday that autonomous communities may substitute "
            "(RD 2001/1983 art. 45); it is listed because every community has kept it in recent "
            "years (best understanding, per-year BOE lists not checked for 2027-2030).",
            "National holidays on a Sunday (see the comment above holidays): the Monday transfer "
            "(ET art. 37.2) may be replaced by a regional holiday, so the Monday is regional and "
            "not listed.",
            "Not listed: Holy Thursday (substituted in Catalonia and, in some years, Valencia), "
            "19 March, 25 July, Easter Monday (regional), Madrid regional/local holidays (AEPD seat). "
            "Administrative deadlines (Ley 39/2015 art. 30) also exclude regional and local holidays.",
        ],
        holidays=es,
        notes=[
            "National holidays in range that fall on a Sunday (Monday transfer is regional, not listed):",
        ]
        + ["  " + s for s in es_sunday_holidays()],
    ),
    Calendar(
        slug="it",
        zone="Europe/Rome",
        title="Italy — national public holidays (giorni festivi)",
        description=(
            "National holidays of Legge 260/1949 as amended (L. 54/1977, DPR 792/1985, L. 336/2000, "
            "L. 151/2025: 4 October from 2026). Sunday holidays are not moved."
        ),
        citations=[
            "Legge 27 maggio 1949, n. 260, art. 2 (as amended)",
            "Legge 5 marzo 1977, n. 54; DPR 28 dicembre 1985, n. 792 (Epiphany)",
            "Legge 20 novembre 2000, n. 336 (2 June)",
            "Legge 151/2025, GU n. 236 of 10 October 2025 (Festa nazionale di San Francesco d'Assisi, 4 October, from 2026)",
        ],
        verification="verified-secondary",
        unverified=[
            "4 October (San Francesco d'Assisi) from 2026 per Legge 151/2025 (GU n. 236 of "
            "10 October 2025), checked against secondary sources only.",
            "Not listed: patron-saint days of the municipality (e.g. Rome, seat of the Garante: "
            "29 June, Saints Peter and Paul).",
        ],
        holidays=it,
    ),
    Calendar(
        slug="lu",
        zone="Europe/Luxembourg",
        title="Luxembourg — legal public holidays (jours fériés légaux)",
        description="The eleven legal public holidays, incl. Europe Day (9 May, since 2019).",
        citations=["Code du travail, art. L.232-2 (as amended in 2019 to add Europe Day, 9 May)"],
        verification="verified-secondary",
        unverified=[
            "A legal holiday on a Sunday gives workers a compensatory day off (Code du travail, "
            "best understanding), not a public day; none is listed.",
            "2024-05-09: Europe Day and Ascension Day coincide; listed once. Any compensatory day "
            "for the coincidence is an employment matter and not listed.",
            "Carnival Monday, Easter Sunday, Whit Sunday and All Souls' Day are customary days, not "
            "legal holidays; not listed.",
        ],
        holidays=lu,
    ),
    Calendar(
        slug="gb-eaw",
        zone="Europe/London",
        title="England and Wales — bank and public holidays",
        description=(
            "Bank holidays of the Banking and Financial Dealings Act 1971 and Royal Proclamations, "
            "plus the common-law holidays Good Friday and Christmas Day, with substitute days as "
            "proclaimed (gov.uk pattern). No one-off bank holidays are known for 2024-2030."
        ),
        citations=[
            "Banking and Financial Dealings Act 1971, s. 1 and Schedule 1",
            "Royal Proclamations under s. 1(3) (New Year's Day, early May bank holiday, substitute days)",
            "Good Friday and Christmas Day: common-law holidays",
        ],
        verification="verified-secondary",
        unverified=[
            "Dates computed from the rules, not copied from the gov.uk list; years after 2027 are "
            "not yet proclaimed and may gain one-off or moved days.",
            "No special bank holidays 2024-2030 are listed: none known (last: 2023-05-08 Coronation).",
        ],
        holidays=gb_eaw,
    ),
    Calendar(
        slug="sg",
        zone="Asia/Singapore",
        title="Singapore — public holidays (Holidays Act)",
        description=(
            "Public holidays of the Holidays Act (Schedule) as gazetted by the Ministry of Manpower, "
            "with the Sunday rule (a holiday on a Sunday makes the next day a holiday). Lunar "
            "holidays cannot be computed, so only the years MOM has published are covered."
        ),
        citations=[
            "Holidays Act 1998 (Singapore), s. 4 and Schedule",
            "Parliamentary Elections Act 1954, s. 35 (Polling Day is a public holiday)",
            "Ministry of Manpower, gazetted public holidays 2024, 2025 and 2026",
        ],
        verification="partly-verified",
        unverified=[
            "Lunar-calendar dates are taken from the MOM announcements via secondary sources "
            "(news reports), not from the Gazette.",
            "2026 Hari Raya Puasa (21 March) and Hari Raya Haji (27 May) were announced 'subject to "
            "confirmation' by MUIS; a later change is not checked.",
            "2026 and later: an ad hoc public holiday (e.g. a Polling Day) would be announced separately.",
            "Holidays on a Saturday (2024: Chinese New Year 10 February; 2025: Polling Day 3 May, Hari Raya Haji 7 June, National Day "
            "9 August; 2026: Hari Raya Puasa 21 March) are not moved; employees get a day off or pay in "
            "lieu chosen by the employer (schools took Monday 2025-05-05 for Polling Day). Not listed.",
            "Section number of the Sunday rule in the Holidays Act (s. 4) is from memory.",
        ],
        holidays=sg,
        years=SG_YEARS,
    ),
    Calendar(
        slug="weekdays",
        zone="UTC",
        title="Plain weekdays (Monday-Friday, no holidays) — synthetic workloads",
        description=(
            "Business day = Monday to Friday in UTC, no public holidays. Encodes no law; for "
            "synthetic workloads, tests and benchmarks."
        ),
        citations=[],
        verification="verified-secondary",
        unverified=[],
        holidays=lambda y: [],
    ),
    Calendar(
        slug="us-state-weekdays",
        zone="America/New_York",
        title="US state business days without state holidays — earliest defensible count",
        description=(
            "Business day = Monday to Friday, no holidays, for state statutes that count business days "
            "(Iowa, Vermont, the insurance data-security laws). Each state's legal holidays are not "
            "encoded, so a count on this calendar can only end earlier than the law's."
        ),
        citations=[],
        verification="unverified",
        unverified=[
            "State legal holidays (which differ by state and from the federal list) are not listed; "
            "a deadline counted here is the earliest defensible one, never later than the law's.",
        ],
        holidays=lambda y: [],
        years=(2005, 2030),
    ),
]


# --------------------------------------------------------------------------- self checks

SELF_CHECKS: list[tuple[str, dt.date, str]] = [
    # (calendar slug, date, substring of the holiday name expected on that date)
    ("us-federal", D(2026, 11, 26), "Thanksgiving"),
    ("us-federal", D(2026, 6, 19), "Juneteenth"),  # a Friday
    ("us-federal", D(2026, 7, 3), "Independence Day (observed)"),  # 4 July 2026 is a Saturday
    ("us-federal", D(2027, 12, 31), "New Year's Day 2028 (observed)"),
    ("us-federal", D(2024, 11, 11), "Veterans Day"),
    ("us-federal", D(2025, 1, 20), "Martin Luther King"),
    ("us-federal", D(2027, 6, 18), "Juneteenth National Independence Day (observed)"),
    ("br-national", D(2026, 2, 16), "Carnaval"),
    ("br-national", D(2026, 2, 17), "Carnaval"),
    ("br-national", D(2026, 4, 3), "Paixão"),
    ("br-national", D(2026, 6, 4), "Corpus Christi"),
    ("br-national", D(2025, 3, 3), "Carnaval"),
    ("br-national", D(2025, 6, 19), "Corpus Christi"),
    ("br-national", D(2024, 11, 20), "Zumbi"),
    ("de", D(2026, 4, 3), "Karfreitag"),
    ("de", D(2026, 5, 14), "Himmelfahrt"),
    ("de", D(2026, 5, 25), "Pfingstmontag"),
    ("fr", D(2026, 4, 6), "Pâques"),
    ("ie", D(2026, 2, 2), "Brigid"),
    ("ie", D(2030, 2, 1), "Brigid"),  # 1 Feb 2030 is a Friday
    ("ie", D(2025, 10, 27), "October"),
    ("nl", D(2025, 4, 26), "Koningsdag"),  # 27 April 2025 is a Sunday
    ("nl", D(2026, 4, 27), "Koningsdag"),
    ("es", D(2026, 4, 3), "Viernes Santo"),
    ("it", D(2027, 10, 4), "San Francesco"),
    ("it", D(2026, 4, 6), "Angelo"),
    ("gb-eaw", D(2026, 12, 28), "Boxing Day (substitute day)"),
    ("gb-eaw", D(2027, 12, 27), "Christmas Day (substitute day)"),
    ("gb-eaw", D(2028, 1, 3), "New Year's Day (substitute day)"),
    ("gb-eaw", D(2026, 8, 31), "Summer bank holiday"),
    ("gb-eaw", D(2025, 5, 5), "Early May"),
    ("sg", D(2024, 2, 12), "Public holiday: Chinese New Year (second day) fell on a Sunday"),
    ("sg", D(2026, 6, 1), "Public holiday: Vesak Day fell on a Sunday"),
    ("sg", D(2026, 8, 10), "Public holiday: National Day fell on a Sunday"),
    ("sg", D(2026, 11, 9), "Public holiday: Deepavali fell on a Sunday"),
    ("sg", D(2025, 4, 18), "Good Friday"),
    ("lu", D(2026, 5, 9), "Europe Day"),
    ("be", D(2026, 7, 21), "National Day"),
]

SELF_CHECKS_ABSENT: list[tuple[str, dt.date]] = [
    ("us-federal", D(2025, 1, 9)),  # executive-order closure, not a 6103(a) holiday
    ("ie", D(2024, 3, 18)),  # customary bank closure, not a public holiday
    ("es", D(2026, 4, 2)),  # Holy Thursday, regional
    ("it", D(2025, 10, 4)),  # 4 October is a holiday only from 2026
    ("br-national", D(2023, 11, 20)),  # out of range anyway; 20 Nov national only from 2024
]


def self_check(cals: dict[str, Calendar]) -> None:
    errors = []
    assert easter(2024) == D(2024, 3, 31) and easter(2025) == D(2025, 4, 20)
    assert easter(2026) == D(2026, 4, 5) and easter(2027) == D(2027, 3, 28)
    assert easter(2028) == D(2028, 4, 16) and easter(2029) == D(2029, 4, 1)
    assert easter(2030) == D(2030, 4, 21) and easter(2019) == D(2019, 4, 21)
    assert D(2026, 6, 19).weekday() == FRI
    table = {slug: dict(c.all_holidays()) for slug, c in cals.items()}
    for slug, day, fragment in SELF_CHECKS:
        name = table[slug].get(day)
        if name is None or fragment not in name:
            errors.append(f"{slug}: expected {fragment!r} on {day}, found {name!r}")
    for slug, day in SELF_CHECKS_ABSENT:
        if day in table[slug]:
            errors.append(f"{slug}: did not expect a holiday on {day} ({table[slug][day]!r})")
    # Singapore: Good Friday computed from Easter must match MOM's dates.
    for y, gf in ((2024, D(2024, 3, 29)), (2025, D(2025, 4, 18)), (2026, D(2026, 4, 3))):
        if table["sg"].get(gf) != "Good Friday":
            errors.append(f"sg: Good Friday {y} should be {gf}")
    if errors:
        raise SystemExit("self-check failed:\n  " + "\n  ".join(errors))


# --------------------------------------------------------------------------- YAML output


def q(s: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def render(cal: Calendar) -> str:
    lines = [
        "# GENERATED by tools/calendars/gen_calendars.py - do not edit by hand:",
        "# change the generator, run it, and review the diff.",
        "apiVersion: verdict.dev/v1",
        "kind: Calendar",
        f"id: {cal.id}",
        f"version: {cal.version}",
        f"title: {q(cal.title)}",
        f"description: {q(cal.description)}",
        f"owner: {OWNER}",
        f"effective: {{ from: {EFFECTIVE_FROM} }}",
        f"verification: {cal.verification}",
    ]
    if cal.citations:
        lines.append("citations:")
        lines += [f"  - {q(c)}" for c in cal.citations]
    else:
        # A comment on its own line survives `verdict fmt`; one after `[]` cannot be kept in place.
        lines.append("# no law: a synthetic calendar")
        lines.append("citations: []")
    if cal.unverified:
        lines.append("unverified:")
        lines += [f"  - {q(u)}" for u in cal.unverified]
    else:
        lines.append("unverified: []")
    lines += [
        f"zone: {cal.zone}",
        f"weekend: [{', '.join(cal.weekend)}]",
        f"years: {{ from: {cal.years[0]}, to: {cal.years[1]} }}",
    ]
    lines += [f"# {n}".rstrip() for n in cal.notes]
    hol = cal.all_holidays()
    if not hol:
        lines.append("holidays: []")
    else:
        lines.append("holidays:")
        year = None
        for d, name in hol:
            if d.year != year:
                year = d.year
                lines.append(f"  # {year}")
            lines.append(f"  - {{ date: {d.isoformat()}, name: {q(name)} }}  # {d.strftime('%a')}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: policies/calendars)")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if any file differs")
    args = ap.parse_args(argv)

    cals = {c.slug: c for c in CALENDARS}
    self_check(cals)

    rendered = {f"{c.slug}.yaml": render(c) for c in CALENDARS}
    if args.check:
        stale = [n for n, text in rendered.items()
                 if not (args.out / n).is_file() or (args.out / n).read_text(encoding="utf-8") != text]
        for n in stale:
            print(f"stale or missing: {args.out / n}", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in rendered.items():
        (args.out / name).write_text(text, encoding="utf-8")
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
