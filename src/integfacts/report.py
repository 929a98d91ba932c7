"""Rendering reports: JSON, Markdown, self-contained HTML, terminal, ClaimReview.

Every string that came from a document or a path is escaped in HTML and
Markdown. The JSON schema is versioned (``SCHEMA_VERSION``) and documented in
``docs/report.schema.json``; amounts are strings so that no value passes
through a float.
"""

from __future__ import annotations

import html
import io
import json
from decimal import Decimal
from typing import Any

from integfacts.model import Claim, Finding, Period, Report, Verdict, short_source

__all__ = [
    "SCHEMA_VERSION",
    "to_claimreview",
    "to_dict",
    "to_html",
    "to_json",
    "to_markdown",
    "to_text",
]

SCHEMA_VERSION = 1


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else str(v)


def _period(p: Period | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "start": p.start.isoformat() if p.start else None,
        "end": p.end.isoformat() if p.end else None,
        "text": p.text,
    }


def claim_dict(c: Claim) -> dict[str, Any]:
    """One claim as JSON-ready data."""
    q = c.quantity
    return {
        "source": c.source,
        "lang": c.lang,
        "text": c.text,
        "span": [c.span.start, c.span.end],
        "sentence": c.context,
        "value": str(q.value),
        "unit": q.unit,
        "qualifier": q.qualifier.value,
        "low": _dec(q.low),
        "high": _dec(q.high),
        "upper": _dec(q.upper),
        "of": _dec(q.of),
        "kind": c.kind.value,
        "change": c.change,
        "metric": c.metric,
        "metric_phrase": c.metric_phrase,
        "subject": c.subject,
        "period": _period(c.period),
        "period_source": c.period_source.value,
        "as_of": c.as_of.isoformat() if c.as_of is not None else None,
    }


def _finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "verdict": f.verdict.value,
        "diagnosis": f.diagnosis.value,
        "reason": f.reason,
        "metric": f.metric,
        "subject": f.subject,
        "score": f.score,
        "majority": _dec(f.majority),
        "independent_sources": f.independent_sources,
        "sources": list(f.sources),
        "claims": [claim_dict(c) for c in f.claims],
    }


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data (the JSON document, before serialisation)."""
    return {
        "schema": "integfacts.report",
        "version": SCHEMA_VERSION,
        "documents": list(report.documents),
        "summary": {
            "claims": len(report.claims),
            "findings": len(report.findings),
            "agree": len(report.agreements),
            "contradict": len(report.contradictions),
            "not_comparable": len(report.not_comparable),
            "unmatched": len(report.unmatched),
        },
        "findings": [_finding_dict(f) for f in report.findings],
        "unmatched": [claim_dict(c) for c in report.unmatched],
    }


def to_json(report: Report, *, indent: int | None = 2) -> str:
    """The report as JSON text."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


_LABEL = {
    Verdict.CONTRADICT: "CONTRADICT",
    Verdict.NOT_COMPARABLE: "NOT COMPARABLE",
    Verdict.AGREE: "AGREE",
}


def _md(s: str) -> str:
    """Escape Markdown (and HTML) special characters in document text."""
    out = html.escape(s, quote=False)
    for ch in "\\`*_{}[]()#+-!|>~":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def to_markdown(report: Report) -> str:
    """The report as Markdown."""
    s = to_dict(report)["summary"]
    lines = [
        "# integfacts report",
        "",
        f"{s['claims']} claims from {len(report.documents)} sources: "
        f"**{_n(s['contradict'], 'contradiction')}**, {s['not_comparable']} not comparable, "
        f"{_n(s['agree'], 'agreement')}, {_n(s['unmatched'], 'unmatched claim')}.",
        "",
    ]
    for f in report.findings:
        title = f.metric or "same value, different metrics"
        lines += [
            f"## {_LABEL[f.verdict]} — {_md(title)}"
            + (f" ({_md(f.subject)})" if f.subject else ""),
            "",
            _md(f.reason),
            "",
            "| source | figure | value | period | sentence |",
            "|---|---|---|---|---|",
        ]
        for c in f.claims:
            lines.append(
                f"| {_md(short_source(c.source))} | {_md(c.text)} |"
                f" {c.quantity.value} {_md(c.quantity.unit or '')}"
                f" | {_md(_ptext(c.period))} | {_md(c.context[:160])} |"
            )
        lines.append("")
    if report.unmatched:
        lines += [
            f"## Claims no other source states ({len(report.unmatched)})",
            "",
            "| source | figure | value | metric | sentence |",
            "|---|---|---|---|---|",
        ]
        for c in report.unmatched:
            lines.append(
                f"| {_md(short_source(c.source))} | {_md(c.text)} |"
                f" {c.quantity.value} {_md(c.quantity.unit or '')}"
                f" | {_md(c.metric or c.metric_phrase)} | {_md(c.context[:160])} |"
            )
        lines.append("")
    return "\n".join(lines)


def _ptext(p: Period | None) -> str:
    return "" if p is None else p.label


def to_text(report: Report, *, width: int = 110) -> str:
    """The report as a terminal table (rendered with rich, no colour codes)."""
    from rich.console import Console  # noqa: PLC0415 - only the terminal needs rich
    from rich.table import Table  # noqa: PLC0415

    console = Console(
        width=width, record=True, force_terminal=False, color_system=None, file=io.StringIO()
    )
    s = to_dict(report)["summary"]
    console.print(
        f"{s['claims']} claims from {len(report.documents)} sources: "
        f"{_n(s['contradict'], 'contradiction')}, {s['not_comparable']} not comparable, "
        f"{_n(s['agree'], 'agreement')}, {s['unmatched']} unmatched",
        markup=False,
        highlight=False,
    )
    for f in report.findings:
        table = Table(
            title=f"{_LABEL[f.verdict]}: {f.metric or 'same value, different metrics'}"
            + (f" ({f.subject})" if f.subject else ""),
            caption=f.reason,
            title_justify="left",
            caption_justify="left",
            expand=True,
        )
        table.add_column("source", overflow="fold", ratio=3)
        table.add_column("figure", overflow="fold", ratio=3)
        table.add_column("value", justify="right", ratio=2)
        table.add_column("period", ratio=2)
        for c in f.claims:
            table.add_row(
                short_source(c.source),
                c.text,
                f"{_group(c.quantity.value)} {c.quantity.unit or ''}".strip(),
                _ptext(c.period),
            )
        console.print(table, markup=False, highlight=False)
    if report.unmatched:
        table = Table(
            title=f"Claims no other source states ({len(report.unmatched)})",
            title_justify="left",
            expand=True,
        )
        table.add_column("source", overflow="fold", ratio=3)
        table.add_column("figure", overflow="fold", ratio=3)
        table.add_column("value", justify="right", ratio=2)
        table.add_column("metric", ratio=2)
        for c in report.unmatched:
            table.add_row(
                short_source(c.source),
                c.text,
                f"{_group(c.quantity.value)} {c.quantity.unit or ''}".strip(),
                c.metric or c.metric_phrase,
            )
        console.print(table, markup=False, highlight=False)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


def _n(count: int, noun: str) -> str:
    """ "1 contradiction", "2 contradictions"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _group(v: Decimal) -> str:
    """A value with thousands grouped for people ("10,900,000,000")."""
    return f"{v:,f}" if v != v.to_integral_value() else f"{int(v):,}"


def _highlight(c: Claim) -> str:
    """The claim's sentence with the figure marked, every piece escaped."""
    if c.sentence is None or not c.context:
        return f"<mark>{html.escape(c.text)}</mark>"
    a = c.span.start - c.sentence.start
    b = c.span.end - c.sentence.start
    if not (0 <= a <= b <= len(c.context)):
        return f"<mark>{html.escape(c.text)}</mark>"
    ctx = c.context
    return (
        html.escape(ctx[:a]) + "<mark>" + html.escape(ctx[a:b]) + "</mark>" + html.escape(ctx[b:])
    )


_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;
background:#f6f7f9;color:#1d2330}
header{background:#1d2330;color:#fff;padding:18px 28px}header h1{margin:0 0 6px;font-size:22px}
main{padding:18px 28px;max-width:1200px}
.summary span{display:inline-block;margin-right:14px;padding:3px 10px;border-radius:12px;
background:#ffffff22}
.filters{margin:0 0 16px;display:flex;gap:12px;flex-wrap:wrap}
.filters label{font-size:13px;color:#555}select{margin-left:4px;padding:3px}
.finding{background:#fff;border-radius:8px;margin:0 0 14px;padding:12px 16px;
box-shadow:0 1px 3px #0002;border-left:6px solid #999}
.finding.contradict{border-color:#c62828}.finding.not_comparable{border-color:#ef8f00}
.finding.agree{border-color:#2e7d32}
.verdict{font-weight:700;font-size:12px;letter-spacing:.05em;padding:2px 8px;border-radius:4px;
color:#fff;background:#999}
.contradict .verdict{background:#c62828}.not_comparable .verdict{background:#ef8f00}
.agree .verdict{background:#2e7d32}
h2{font-size:17px;margin:6px 0}.reason{margin:4px 0 10px}
table{border-collapse:collapse;width:100%;font-size:14px}
td,th{border-top:1px solid #e3e5ea;padding:6px 8px;text-align:left;vertical-align:top}
th{font-size:12px;color:#666;font-weight:600}td.val{white-space:nowrap;text-align:right}
mark{background:#ffe082;padding:0 2px;border-radius:2px}
.src{font-size:12px;color:#555;word-break:break-all;max-width:240px}
[dir=auto]{unicode-bidi:plaintext}
"""

_JS = """
function applyFilters(){
  var v=document.getElementById('f-verdict').value,m=document.getElementById('f-metric').value,
      s=document.getElementById('f-source').value;
  document.querySelectorAll('.finding').forEach(function(el){
    var ok=(!v||el.dataset.verdict===v)&&(!m||el.dataset.metric===m)&&
      (!s||(el.dataset.sources||'').split('\\n').indexOf(s)>=0);
    el.style.display=ok?'':'none';
  });
}
document.querySelectorAll('.filters select').forEach(function(e){
  e.addEventListener('change',applyFilters);});
"""


def _options(values: list[str], label: str) -> str:
    opts = "".join(
        f'<option value="{html.escape(v, quote=True)}">{html.escape(v)}</option>' for v in values
    )
    return f'<option value="">all {label}</option>{opts}'


def to_html(report: Report) -> str:
    """One self-contained HTML page: summary, contradictions first, filters.

    Nothing is loaded from the network (no external CSS, fonts or scripts),
    and every piece of document text is escaped.
    """
    s = to_dict(report)["summary"]
    metrics = sorted({f.metric or "" for f in report.findings} - {""})
    sources = sorted({src for f in report.findings for src in f.sources})
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
        "<title>integfacts report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<header><h1>integfacts report</h1><div class=summary>",
        f"<span>{s['claims']} claims</span><span>{len(report.documents)} sources</span>",
        f"<span>{_n(s['contradict'], 'contradiction')}</span>",
        f"<span>{s['not_comparable']} not comparable</span>",
        f"<span>{_n(s['agree'], 'agreement')}</span><span>{s['unmatched']} unmatched</span>",
        "</div></header><main>",
        '<div class="filters">',
        '<label>Verdict<select id="f-verdict">'
        f"{_options(['contradict', 'not_comparable', 'agree'], 'verdicts')}</select></label>",
        f'<label>Metric<select id="f-metric">{_options(metrics, "metrics")}</select></label>',
        f'<label>Source<select id="f-source">{_options(sources, "sources")}</select></label>',
        "</div>",
    ]
    for f in report.findings:
        v = f.verdict.value
        title = f.metric or "same value, different metrics"
        srcs = html.escape("\n".join(f.sources), quote=True)
        parts.append(
            f'<section class="finding {v}" data-verdict="{v}" '
            f'data-metric="{html.escape(f.metric or "", quote=True)}" data-sources="{srcs}">'
        )
        subject = f" — {html.escape(f.subject)}" if f.subject else ""
        parts.append(
            f'<span class="verdict">{_LABEL[f.verdict]}</span>'
            f"<h2>{html.escape(title)}{subject}</h2>"
            f'<p class="reason">{html.escape(f.reason)}</p>'
        )
        if f.majority is not None:
            parts.append(f"<p>Most independent sources support {html.escape(str(f.majority))}.</p>")
        parts.append(
            "<table><tr><th>source</th><th>value</th><th>period</th><th>in its sentence</th></tr>"
        )
        for c in f.claims:
            val = f"{_group(c.quantity.value)} {c.quantity.unit or ''}".strip()
            parts.append(
                f'<tr><td class="src" dir="auto" title="{html.escape(c.source, quote=True)}">'
                f"{html.escape(short_source(c.source))}</td>"
                f'<td class="val">{html.escape(val)}</td>'
                f"<td>{html.escape(_ptext(c.period))}</td>"
                f'<td dir="auto">{_highlight(c)}</td></tr>'
            )
        parts.append("</table></section>")
    if report.unmatched:
        parts.append(f"<h2>Claims no other source states ({len(report.unmatched)})</h2><table>")
        parts.append(
            "<tr><th>source</th><th>value</th><th>metric</th><th>in its sentence</th></tr>"
        )
        for c in report.unmatched:
            val = f"{_group(c.quantity.value)} {c.quantity.unit or ''}".strip()
            parts.append(
                f'<tr><td class="src" dir="auto" title="{html.escape(c.source, quote=True)}">'
                f"{html.escape(short_source(c.source))}</td>"
                f'<td class="val">{html.escape(val)}</td>'
                f"<td>{html.escape(c.metric or c.metric_phrase)}</td>"
                f'<td dir="auto">{_highlight(c)}</td></tr>'
            )
        parts.append("</table>")
    parts.append(f"</main><script>{_JS}</script></body></html>")
    return "\n".join(parts)


_RATING = {
    Verdict.AGREE: (5, "Consistent across sources"),
    Verdict.CONTRADICT: (1, "Sources contradict each other"),
    Verdict.NOT_COMPARABLE: (3, "Not comparable as stated"),
}


def to_claimreview(report: Report) -> list[dict[str, Any]]:
    """Each finding as a schema.org ``ClaimReview`` (JSON-LD), numbers in an extension.

    The standard fields carry the claim reviewed (the first claim's sentence),
    the sources and a rating (1 contradicted … 5 consistent); the numeric
    details live under ``"integfacts"``: values, units, intervals, spans and
    the rule applied.
    """
    out = []
    for f in report.findings:
        first = f.claims[0]
        rating, alt = _RATING[f.verdict]
        out.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "claimReviewed": first.context or first.text,
                "reviewBody": f.reason,
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": rating,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": alt,
                },
                "itemReviewed": {
                    "@type": "Claim",
                    "appearance": [{"@type": "CreativeWork", "url": src} for src in f.sources],
                },
                "author": {"@type": "Organization", "name": "integfacts"},
                "integfacts": _finding_dict(f),
            }
        )
    return out
