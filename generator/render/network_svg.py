"""The network of calls, drawn at build time as static SVG.

Who talked to whom is data the content already holds (each event's
`interactions`). Drawing it here, in Python, means the page needs no chart
library and no JavaScript, looks the same in print, and is the same bytes for
the same content. The busiest actor sits in the middle, the others on a circle.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..content.model import Actor, Interaction
from ..views.dates_shown import Brief
from ..views.interface import Interface
from ..views.kinds_named import N_
from .escape import attr

VERBS = {"call": N_("called"), "meeting": N_("met"), "statement": N_("addressed"),
         "message": N_("wrote to"), "visit": N_("visited")}  # fmt: skip


@dataclass(frozen=True)
class Edge:
    source: str  # actor id: who called, met, addressed
    target: str
    kinds: tuple[str, ...]  # one per interaction, in content order
    dates: tuple[Brief, ...] = ()  # when each was ("16 Aug 2021"), in the same order


def edges_of(interactions: list[tuple[Interaction, Brief]]) -> list[Edge]:
    """One edge per directed pair, in the order the pairs first appear; each
    interaction comes with its date."""
    kinds: dict[tuple[str, str], list[tuple[str, Brief]]] = defaultdict(list)
    for inter, date in interactions:
        for other in inter.with_:
            kinds[(inter.by, other)].append((inter.kind, date))
    return [
        Edge(a, b, tuple(k for k, _ in found), tuple(d for _, d in found))
        for (a, b), found in kinds.items()
    ]


def _ring_order(ring: list[str], edges: list[Edge]) -> list[str]:
    """Ring nodes with each group of connected ones side by side, so that their
    lines stay short instead of crossing the middle."""
    links: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        if edge.source in ring and edge.target in ring:
            links[edge.source].add(edge.target)
            links[edge.target].add(edge.source)
    order: list[str] = []
    for start in ring:
        if start in order:
            continue
        queue = [start]
        while queue:
            node = queue.pop(0)
            if node not in order:
                order.append(node)
                queue += [n for n in ring if n in links[node] and n not in order]
    return order


def _layout(
    nodes: list[str], degree: Counter[str], edges: list[Edge], size: float
) -> dict[str, tuple[float, float]]:
    centre = size / 2
    if len(nodes) == 1:
        return {nodes[0]: (centre, centre)}
    if len(nodes) == 2:
        return {nodes[0]: (size * 0.25, centre), nodes[1]: (size * 0.75, centre)}
    hub = nodes[0] if degree[nodes[0]] >= 2 else None
    ring = _ring_order([n for n in nodes if n != hub], edges)
    radius = size * 0.36
    places = {hub: (centre, centre)} if hub else {}
    for i, node in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * i / len(ring)
        places[node] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    return places


def _label(actor: Actor) -> str:
    return actor.short_name or actor.name


@dataclass(frozen=True)
class Drawing:
    """One drawing of a network: its class (which screens show it), the diameter
    its nodes are laid out on, and its labels' size."""

    name: str
    size: int
    font: float = 14
    edge_dates: bool = False  # a date on each line (the network page, where there is room)


MINI = Drawing("tl-network-mini", 300)
WIDE = Drawing("tl-network-wide", 520, edge_dates=True)
NARROW = Drawing("tl-network-narrow", 200)


def _text_box(x: float, y: float, text: str, anchor: str, font: float) -> tuple[float, ...]:
    """The box a label takes: left, top, right, bottom."""
    width = len(text) * 0.56 * font
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, y - 0.8 * font, left + width, y + 0.3 * font


def render_network(
    interactions: list[tuple[Interaction, Brief]],
    actors: dict[str, Actor],
    href: Callable[[str], str],
    title: str,
    words: Interface,
    drawing: Drawing = MINI,
) -> str:
    """An SVG of who dealt with whom, in the language of `words`; `href(actor_id)`
    gives each node's link.
    Its box fits what it draws, so that a call between two holds no empty square,
    and it is never drawn larger than its own size, so labels keep their size."""
    edges = edges_of(interactions)
    degree: Counter[str] = Counter()
    for edge in edges:
        degree[edge.source] += len(edge.kinds)
        degree[edge.target] += len(edge.kinds)
    nodes = sorted(degree, key=lambda n: (-degree[n], actors[n].name))
    if not nodes:
        return ""
    size, font = drawing.size, drawing.font
    # Dates all of one year say it once, in the title, not on every line.
    years = {d.year for e in edges for d in e.dates}
    year = years.pop() if len(years) == 1 else ""
    places = _layout(nodes, degree, edges, size)
    node_radius = 9
    arrow = f"tl-arrow-{drawing.name}"  # one id per drawing: a page may hold two
    boxes = [(x - node_radius, y - node_radius, x + node_radius, y + node_radius)
             for x, y in places.values()]  # fmt: skip
    body = []
    for edge in edges:
        (x1, y1), (x2, y2) = places[edge.source], places[edge.target]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        dx, dy = (x2 - x1) / length * node_radius, (y2 - y1) / length * node_radius
        said = words.listed(f"{words.gettext(VERBS[k])} ({d.whole})"
                            for k, d in zip(edge.kinds, edge.dates, strict=True))  # fmt: skip
        tip = words.say("%(who)s %(said)s %(whom)s", who=actors[edge.source].name, said=said,
                        whom=actors[edge.target].name)  # fmt: skip
        body.append(
            f'<line class="tl-edge" x1="{x1 + dx:.1f}" y1="{y1 + dy:.1f}" x2="{x2 - dx:.1f}" '
            f'y2="{y2 - dy:.1f}" stroke-width="{1.5 + len(edge.kinds):.1f}" '
            f'marker-end="url(#{arrow})"><title>{attr(tip)}</title></line>'
        )
        if drawing.edge_dates and edge.dates and length >= 110:
            dates = [(d.day or d.whole) if year else d.whole for d in dict.fromkeys(edge.dates)]
            label = dates[0] if len(dates) == 1 else f"{dates[0]} – {dates[-1]}"
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            small = font - 2
            box = _text_box(mx, my + small / 3, label, "middle", small)
            body.append(
                f'<rect class="tl-edge-date-ground" x="{box[0] - 2:.1f}" y="{box[1]:.1f}" '
                f'width="{box[2] - box[0] + 4:.1f}" height="{box[3] - box[1]:.1f}" rx="2"/>'
                f'<text class="tl-edge-date" x="{mx:.1f}" y="{my + small / 3:.1f}" '
                f'text-anchor="middle" font-size="{small}">{attr(label)}</text>'
            )
            boxes.append(box)
    for node in nodes:
        x, y = places[node]
        actor = actors[node]
        anchor = (
            "middle" if abs(x - size / 2) < size * 0.1 else ("start" if x > size / 2 else "end")
        )
        tx = x + (0 if anchor == "middle" else (14 if anchor == "start" else -14))
        above = anchor == "middle" and y < size / 2 - 1
        ty = y + (-16 if above else 26 if anchor == "middle" else 5)
        boxes.append(_text_box(tx, ty, _label(actor), anchor, font))
        body.append(
            f'<a class="tl-node tl-{actor.kind}" href="{attr(href(node))}" '
            f'aria-label="{attr(actor.name)}" data-actor="{node}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{node_radius}"/>'
            f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}">'
            f"{attr(_label(actor))}</text></a>"
        )
    left = min(b[0] for b in boxes) - 6
    top = min(b[1] for b in boxes) - 6
    width = max(b[2] for b in boxes) + 6 - left
    height = max(b[3] for b in boxes) + 6 - top
    named = words.say("%(title)s, %(year)s", title=title, year=year) if year else title
    return "".join([
        f'<svg class="tl-network {drawing.name}" viewBox="{left:.0f} {top:.0f} {width:.0f} '
        f'{height:.0f}" width="{width:.0f}" height="{height:.0f}" font-size="{font}" '
        f'role="group" aria-label="{attr(named)}" xmlns="http://www.w3.org/2000/svg">',
        f'<defs><marker id="{arrow}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker>'
        "</defs>",
        *body,
        "</svg>",
    ])  # fmt: skip
