"""The times a transcript writes, as a TEI `timeline`, and each written time linked to its point.

Every time the transcript writes (`transcript.timestamps`) stays in the text as it is written,
wrapped in `<time synch="#T6.14">00:00:06.140</time>`; `synch` points at a `when` of one
`timeline` at the start of the body, which says what the time is:

    <timeline xml:id="timeline" unit="s" origin="#T0">
      <when xml:id="T0"/>
      <when xml:id="T6.14" interval="6.14" since="#T0"/>
    </timeline>

`T0` is the origin, the point every written time counts from (the recording's start, a
mission's lift-off); the transcript does not say when that was, so it has no `absolute`. A time
written several times is one point. Ids are the seconds, so the same time has the same id in
every edition.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from edition.encode.inline import Span, maker
from edition.transcript.timestamps import WrittenTime
from edition.xmlio import XML_ID, T

#: The id of the timeline, and of its origin.
TIMELINE_ID = "timeline"
ORIGIN_ID = "T0"
#: Priority of a time span: inside whatever else covers the same characters (a supplied word
#: never covers a time; a label or a correction may).
PRIORITY = 1


def _number(value: Decimal) -> str:
    """6.140 → "6.14", 60 → "60", -3 → "-3" (a plain decimal, never an exponent)."""
    text = format(value.normalize(), "f")
    return text


def point_id(value: Decimal) -> str:
    return ORIGIN_ID if value == 0 else f"T{_number(value)}"


def time_span(written: WrittenTime) -> Span:
    """The inline span of a written time: `time` pointing at its point of the timeline."""
    return Span(written.start, written.end, PRIORITY, maker("time", (("synch", f"#{point_id(written.seconds)}"),)))


def build_timeline(times: dict[int, list[WrittenTime]]) -> etree._Element | None:
    """The timeline of every time written (None when the transcript writes none)."""
    values = {t.seconds for found in times.values() for t in found}
    if not values:
        return None
    timeline = T.timeline(**{XML_ID: TIMELINE_ID, "unit": "s", "origin": f"#{ORIGIN_ID}"})
    for value in sorted(values | {Decimal(0)}):
        if value == 0:
            timeline.append(T.when(**{XML_ID: ORIGIN_ID}))
        else:
            timeline.append(T.when(**{XML_ID: point_id(value), "interval": _number(value), "since": f"#{ORIGIN_ID}"}))
    return timeline


def place_timeline(text_el: etree._Element, timeline: etree._Element | None) -> None:
    """Put the timeline first in the body, where TEI lets it stand (`model.global.meta`) and
    every turn after it can point at it. It holds no text, so the diplomatic text is unchanged."""
    if timeline is None:
        return
    body = text_el.find(T.body().tag)
    body.insert(0, timeline)
