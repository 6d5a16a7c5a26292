"""Pictures and HTML: the cluster topology, the live migration's copy rounds,
live against quick downtime, the validation report table, and the chain's
one-page ``report.html``.  The runbooks and the chain draw with the same
functions, so the notebook and the report show the same picture.
"""

from __future__ import annotations

import base64
import functools
import html
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from labkit.lab import Lab, format_size

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


def _pyplot() -> Any:
    """matplotlib's pyplot on the Agg backend, imported on first use (it takes
    about a second, and most runbooks draw nothing)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt

NETWORK_COLOURS = {"Public": "#1f77b4", "iSCSI": "#2ca02c", "Heartbeat": "#d62728", "Management": "#7f7f7f"}


def topology_figure(lab: Lab, cluster: dict[str, Any] | None = None) -> Figure:
    """Hosts as boxes, the four networks as buses, each host tapped into the
    networks it has, with its address; the cluster address on Public."""
    plt = _pyplot()
    hosts = lab.hosts
    nets = [n for n in ("Public", "Heartbeat", "iSCSI", "Management") if n in lab.networks]
    fig, ax = plt.subplots(figsize=(2.6 * len(hosts) + 2.5, 1.1 * len(nets) + 3.2))
    ax.set_axis_off()
    xs = {h.name: 1.5 + 2.6 * i for i, h in enumerate(hosts)}
    width = 2.6 * len(hosts) + 1.2
    bus_y = {n: -1.1 * (i + 1) for i, n in enumerate(nets)}
    state = {n["Name"]: n.get("State", "") for n in (cluster or {}).get("Nodes", [])}
    for h in hosts:
        x = xs[h.name]
        colour = {"node": "#fde9c8", "storage": "#dbe9f6", "dc": "#e8e8e8"}[h.role]
        ax.add_patch(plt.Rectangle((x - 1.1, 0.2), 2.2, 1.3, facecolor=colour, edgecolor="black"))
        role = {"node": "cluster node", "storage": "iSCSI target", "dc": "domain controller"}[h.role]
        label = f"{h.name}\n{role}"
        if h.name in state:
            label += f"\n{state[h.name]}"
        roles = [g["Name"] for g in (cluster or {}).get("Groups", [])
                 if g.get("Owner") == h.name and g["Name"] not in ("Cluster Group", "Available Storage")]
        if roles:
            label += "\nruns " + ", ".join(roles)
        ax.text(x, 0.85, label, ha="center", va="center", fontsize=9)
        for n in nets:
            if n in h.addresses:
                ax.plot([x, x], [0.2, bus_y[n]], color=NETWORK_COLOURS[n], lw=1.5)
                ax.plot(x, bus_y[n], "o", color=NETWORK_COLOURS[n])
                ax.text(x + 0.08, bus_y[n] + 0.12, str(h.addresses[n]), fontsize=7, color=NETWORK_COLOURS[n])
    for n in nets:
        y = bus_y[n]
        ax.plot([0.1, width], [y, y], color=NETWORK_COLOURS[n], lw=4, alpha=0.6)
        ax.text(0.1, y - 0.32, f"{n} {lab.networks[n]}", fontsize=8, color=NETWORK_COLOURS[n], weight="bold")
    name = (cluster or {}).get("Name") or lab.cluster.name
    ax.annotate(
        f"cluster {name}\n{lab.cluster.address}",
        xy=(width - 0.3, bus_y["Public"]), xytext=(width - 0.3, 1.0), ha="center", fontsize=9,
        bbox={"boxstyle": "round", "fc": "#fff7d6"}, arrowprops={"arrowstyle": "->"},
    )
    luns = ", ".join(f"{l.name} {format_size(l.size)}" for l in lab.luns)
    ax.text(xs[lab.storage_server.name], 1.75, f"LUNs: {luns}", ha="center", fontsize=8)
    ax.set_xlim(0, width + 0.8)
    ax.set_ylim(min(bus_y.values()) - 0.6, 2.1)
    ax.set_title(f"Lab {lab.name}: {len(lab.nodes)}-node Hyper-V cluster on iSCSI")
    fig.tight_layout()
    return fig


def migration_rounds_figure(result: dict[str, Any], title: str = "Live migration: pre-copy rounds") -> Figure:
    """Bars of MB sent per round (the last one is the blackout copy) and the
    dirty pages left after each."""
    rounds = result["rounds"]
    fig, ax = _pyplot().subplots(figsize=(7, 3.6))
    idx = [r["index"] for r in rounds]
    mb = [r["bytes_sent"] / 1e6 for r in rounds]
    colours = ["#d62728" if r.get("phase") == "stop-and-copy" else "#1f77b4" for r in rounds]
    ax.bar(idx, mb, color=colours)
    ax.set_xticks(idx)
    ax.set_xlabel("round (red: VM paused, final copy)")
    ax.set_ylabel("MB copied")
    ax.set_yscale("log")
    ax2 = ax.twinx()
    ax2.plot(idx, [r["seconds"] for r in rounds], "k.-", label="seconds")
    ax2.set_ylabel("seconds per round")
    ax.set_title(f"{title}\ntotal {result['total_s']:.1f} s, blackout {result['blackout_s'] * 1000:.0f} ms")
    fig.tight_layout()
    return fig


def downtime_figure(frame: pd.DataFrame) -> Figure:
    """Live migration blackout against quick migration downtime by VM memory."""
    fig, ax = _pyplot().subplots(figsize=(7, 3.6))
    ax.plot(frame["memory_gb"], frame["quick_downtime_s"], "o-", color="#d62728", label="quick migration downtime")
    ax.plot(frame["memory_gb"], frame["live_blackout_s"], "o-", color="#2ca02c", label="live migration blackout")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("VM memory (GiB)")
    ax.set_ylabel("seconds the VM is unreachable")
    ax.axhline(1.0, color="grey", ls=":", lw=1)
    ax.legend()
    ax.set_title("Why live migration: downtime by VM memory")
    fig.tight_layout()
    return fig


def figure_png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    _pyplot().close(fig)
    return buf.getvalue()


# Output metadata key that names a picture a runbook showed (Runbook.figure).
FIGURE_KEY = "labkit_figure"


def notebook_figures(paths: list[Path]) -> dict[str, bytes]:
    """The named pictures shown in executed notebooks, as PNG bytes."""
    import nbformat

    found: dict[str, bytes] = {}
    for path in paths:
        for cell in nbformat.read(path, as_version=4).cells:
            for out in cell.get("outputs", []):
                name = out.get("metadata", {}).get(FIGURE_KEY)
                if name and "image/png" in out.get("data", {}):
                    found[name] = base64.b64decode(out["data"]["image/png"])
    return found


def _img(png: bytes, alt: str) -> str:
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}"/>'


NOT_MEASURED = "not measured on real hosts"


def validation_frame(tests: list[dict[str, Any]]) -> pd.DataFrame:
    """The validation tests as a table: category, test, result, reason."""
    import pandas as pd

    frame = pd.DataFrame(tests)
    return frame[[c for c in ("Category", "Test", "Result", "Reason") if c in frame.columns]]


def _value_text(key: str, value: Any) -> str:
    from labkit.tables import _cell

    return _cell(key, value)


def _result_table(key: str, value: Any) -> str:
    """One key result as a readable table: field/value rows, or records as rows."""
    from labkit.tables import table

    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return table(value)._repr_html_()
    if isinstance(value, dict):
        # None: a figure real hosts did not give (labkit.validation_results, labkit.migration_timing)
        shown = {k: (NOT_MEASURED if v is None else v) for k, v in value.items()
                 if k not in _HIDDEN_RESULT_FIELDS and not isinstance(v, (dict,))}
        return table(shown)._repr_html_()
    return f"<p>{html.escape(_value_text(key, value))}</p>"


# Detail the report shows as pictures or its own table instead.
_HIDDEN_RESULT_FIELDS = {"rounds_detail", "tests"}

_RESULT_TITLES = {"validation": "Validation", "cluster": "Cluster", "csv": "Cluster Shared Volume", "vm": "Highly available VM",
                  "live_migration": "Live migration", "quick_migration": "Quick migration", "failover": "Node failure",
                  "downtime_comparison": "Downtime by VM memory"}

_STYLE = (
    "body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;overflow-wrap:break-word}"
    "table{border-collapse:collapse;margin:0.5em 0;max-width:100%}"
    "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
    "tr.failed{background:#fdd}tr.ok{background:#efe}tr.skipped,tr.not-run{color:#888}tr.earlier-run{background:#f4f4f4;font-style:italic}"
    "pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f8f8f8;padding:0.5em}"
    "img{max-width:100%;height:auto}.earlier{color:#a60;font-weight:normal;font-size:80%}"
)


@functools.cache
def _html_exporter() -> Any:
    """One nbconvert HTML exporter for every notebook (making one loads and compiles its templates),
    its ``clean_html`` filter remembering what it cleaned (:func:`_clean_html_once`)."""
    from nbconvert import HTMLExporter

    # TemplateExporter.filters: "Dictionary of filters, by name and namespace, to add to the Jinja
    # environment" (a user filter replaces the default of the same name).
    return HTMLExporter(filters={"clean_html": _clean_html_once})


def _clean_html_once(element: Any) -> str:
    """nbconvert's ``clean_html`` filter (bleach's sanitizer over each code cell's highlighted
    source: half the time a notebook takes to render), computed once per text: its result depends
    on the text alone, and :func:`prepare_html` has it computed for a runbook's code before the
    runbook ends."""
    return _clean_html_text(element.decode() if isinstance(element, bytes) else str(element))


@functools.cache
def _clean_html_text(text: str) -> str:
    from nbconvert.filters import clean_html

    return clean_html(text)


def prepare_html(notebook: Path, executed_before: Path) -> None:
    """Compute what the HTML of ``notebook`` (a runbook, not yet executed) shares with its executed
    form: each code cell's sanitized code (:func:`_clean_html_once`), as the exporter's template
    makes it (nbconvert's lab/base.html.j2: ``cell.source | highlight_code(metadata=cell.metadata)
    | clean_html``).  The code is highlighted as the kernel's language says (``language_info``,
    which the kernel writes into each notebook it runs; HTMLExporter.from_notebook_node picks the
    lexer from it so), taken from ``executed_before``, a notebook the same kernel spec ran."""
    import nbformat
    from nbconvert.filters.highlight import Highlight2HTML

    try:
        book = nbformat.read(notebook, as_version=4)
        language = nbformat.read(executed_before, as_version=4).metadata.get("language_info", {})
        highlight = Highlight2HTML(pygments_lexer=language.get("pygments_lexer", language.get("name")),
                                   parent=_html_exporter())
        for cell in book.cells:
            if cell.cell_type == "code":
                _clean_html_once(highlight(cell.source, metadata=cell.metadata))
    except Exception:   # its executed form is rendered all the same
        pass


def notebook_html(path: Path) -> Path | None:
    """The executed notebook rendered beside it as HTML (what a student sees in a browser)."""
    import nbformat

    import warnings

    try:
        with warnings.catch_warnings():
            # The scrapbook scraps have no visible form; nbconvert warns about each.
            warnings.simplefilter("ignore", UserWarning)
            body, _ = _html_exporter().from_notebook_node(nbformat.read(path, as_version=4))
    except Exception:  # an unreadable or half-written notebook: the report links the .ipynb only
        return None
    out = path.with_suffix(".html")
    out.write_text(body, encoding="utf-8")
    return out


def chain_report(summary: dict[str, Any], lab: Lab, out_dir: Path, rendered_already: dict[str, Path | None] | None = None) -> Path:
    """Write ``report.html``: status and duration of each section, the key
    results as tables, the pictures, links to the executed notebooks (and
    their HTML renderings, written beside them).  ``rendered_already``: the
    notebooks (by name) whose HTML :func:`notebook_html` wrote since they
    were executed (labkit.report_renderer renders each while the next runs)."""
    results = summary.get("results", {})
    rows = []
    for n in summary["notebooks"]:
        name = html.escape(n["name"])
        book = out_dir / f"{n['name']}.ipynb"
        rendered = None
        if book.is_file() and n["status"] in ("ok", "failed", "earlier run"):
            rendered = (rendered_already[n["name"]] if n["name"] in (rendered_already or {})
                        else notebook_html(book))
        link = f"<a href='{name}.html'>{name}</a> (<a href='{name}.ipynb'>ipynb</a>)" if rendered else name
        status = html.escape(n["status"])
        rows.append(f"<tr class='{status.replace(' ', '-')}'><td>{link}</td><td>{status}</td>"
                    f"<td>{n.get('seconds', 0):.1f} s</td><td>{n.get('changed', '')}</td></tr>")
    parts = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>labkit run</title><style>{_STYLE}</style></head><body>",
        f"<h1>labkit run: {'OK' if summary['ok'] else 'FAILED'}</h1>",
        f"<p>Backend <b>{html.escape(summary['backend'])}</b>, lab <b>{html.escape(str(summary['lab']))}</b>"
        + (f" (<code>{html.escape(str(summary['lab_file']))}</code>)" if summary.get("lab_file") else "")
        + (f", lab state <code>{html.escape(str(summary['state']))}</code>" if summary.get("state") else "") + ".</p>",
    ]
    if summary.get("resumed"):
        parts.append(f"<p>Before the first section: {html.escape(summary['resumed'])}.</p>")
    parts.append("<h2>Sections</h2><table><tr><th>notebook</th><th>status</th><th>time</th><th>changes</th></tr>"
                 + "".join(rows) + "</table>")
    if summary.get("error"):
        parts.append(f"<h2>Failure</h2><pre>{html.escape(summary['error'])}</pre>")
    if results:
        parts.append("<h2>Key results</h2>")
        for key, value in results.items():
            earlier = key in summary.get("results_from_earlier_runs", ())
            mark = " <span class='earlier'>(from an earlier run)</span>" if earlier else ""
            parts.append(f"<h3>{html.escape(_RESULT_TITLES.get(key, key))}{mark}</h3>" + _result_table(key, value))
    # The pictures the runbooks showed; the topology is drawn from the lab
    # alone when the chain stopped before section 5 drew it.
    figures = notebook_figures(sorted(out_dir.glob("*.ipynb")))
    topology = figures.get("topology") or figure_png(topology_figure(lab))
    parts.append("<h2>Topology</h2>" + _img(topology, "topology"))
    validation = results.get("validation") or {}
    if validation.get("tests"):
        from labkit.tables import table

        parts.append("<h2>Validation tests</h2>" + table(validation_frame(validation["tests"]))._repr_html_())
    if "migration-rounds" in figures:
        parts.append("<h2>Live migration</h2>" + _img(figures["migration-rounds"], "migration rounds"))
    if "downtime" in figures:
        parts.append(_img(figures["downtime"], "downtime comparison"))
    parts.append("</body></html>")
    path = out_dir / "report.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
