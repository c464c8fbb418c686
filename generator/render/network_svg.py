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
from .escape import attr

VERBS = {"call": "called", "meeting": "met", "statement": "addressed", "message": "wrote to",
         "visit": "visited"}  # fmt: skip


@dataclass(frozen=True)
class Edge:
    source: str  # actor id: who called, met, addressed
    target: str
    kinds: tuple[str, ...]  # one per interaction, in content order


def edges_of(interactions: list[Interaction]) -> list[Edge]:
    """One edge per directed pair, in the order the pairs first appear."""
    kinds: dict[tuple[str, str], list[str]] = defaultdict(list)
    for inter in interactions:
        for other in inter.with_:
            kinds[(inter.by, other)].append(inter.kind)
    return [Edge(a, b, tuple(k)) for (a, b), k in kinds.items()]


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


def render_network(
    interactions: list[Interaction],
    actors: dict[str, Actor],
    href: Callable[[str], str],
    title: str,
    size: int = 560,
) -> str:
    """An SVG of who dealt with whom; `href(actor_id)` gives each node's link."""
    edges = edges_of(interactions)
    degree: Counter[str] = Counter()
    for edge in edges:
        degree[edge.source] += len(edge.kinds)
        degree[edge.target] += len(edge.kinds)
    nodes = sorted(degree, key=lambda n: (-degree[n], actors[n].name))
    if not nodes:
        return ""
    places = _layout(nodes, degree, edges, size)
    out = [
        f'<svg class="tl-network" viewBox="0 0 {size} {size}" role="group" '
        f'aria-label="{attr(title)}" xmlns="http://www.w3.org/2000/svg">',
        '<defs><marker id="tl-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker>'
        "</defs>",
    ]
    node_radius = 9
    for edge in edges:
        (x1, y1), (x2, y2) = places[edge.source], places[edge.target]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        dx, dy = (x2 - x1) / length * node_radius, (y2 - y1) / length * node_radius
        said = ", ".join(f"{VERBS[k]}" for k in edge.kinds)
        tip = f"{actors[edge.source].name} {said} {actors[edge.target].name}"
        out.append(
            f'<line class="tl-edge" x1="{x1 + dx:.1f}" y1="{y1 + dy:.1f}" x2="{x2 - dx:.1f}" '
            f'y2="{y2 - dy:.1f}" stroke-width="{1.5 + len(edge.kinds):.1f}" '
            f'marker-end="url(#tl-arrow)"><title>{attr(tip)}</title></line>'
        )
    for node in nodes:
        x, y = places[node]
        actor = actors[node]
        anchor = (
            "middle" if abs(x - size / 2) < size * 0.1 else ("start" if x > size / 2 else "end")
        )
        tx = x + (0 if anchor == "middle" else (14 if anchor == "start" else -14))
        above = anchor == "middle" and y < size / 2 - 1
        ty = y + (-16 if above else 26 if anchor == "middle" else 5)
        out.append(
            f'<a class="tl-node tl-{actor.kind}" href="{attr(href(node))}" '
            f'aria-label="{attr(actor.name)}" data-actor="{node}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{node_radius}"/>'
            f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}">'
            f"{attr(_label(actor))}</text></a>"
        )
    out.append("</svg>")
    return "".join(out)
