"""What a runbook's first figure and first code display load, done once in the
kernels' template (labkit/kernel_template.py) while it is idle, so that the
kernels it forks find it loaded.

A process's first matplotlib figure loads the fonts, looks them up
(``font_manager.findfont``, cached) and builds the mathtext parser that log-scale
tick labels (``10^{2}``) need: about a fifth of a second of runbook 08's figures,
paid again in every kernel.  The first ``IPython.display.Code`` imports the
PowerShell lexer and the HTML and LaTeX formatters of pygments.  Both are caches
and imports only: what a figure or a code display shows is the same (a test
compares the PNG bytes).

The figure is drawn with matplotlib's object API (a ``Figure`` on its own Agg
canvas): pyplot, its figures and the backend a kernel selects stay untouched.
"""

from __future__ import annotations

import io


def figures() -> None:
    """Draw one small figure of the kinds the runbooks draw (labkit.report): log axes in base 10
    and 2 with mathtext tick labels, a twin axis, bars, a legend, bold and annotated text, a tight
    layout, saved as PNG at the runbooks' resolution; nothing is kept but matplotlib's caches."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 2))
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.bar([1, 2], [0.5, 500.0])
    ax.plot([0.25, 32.0], [0.01, 1000.0], "o-", label="x")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("x")
    ax.twinx().plot([1, 2], [1, 2], "k.-")
    ax.text(1, 1, "x", fontsize=7, weight="bold")
    ax.annotate("x\ny", xy=(1, 1), xytext=(2, 2), bbox={"boxstyle": "round"}, arrowprops={"arrowstyle": "->"})
    ax.legend()
    ax.set_title("x\ny")
    fig.tight_layout()
    fig.savefig(io.BytesIO(), format="png", dpi=100)


def code_highlighting() -> None:
    """Render a PowerShell code display as the runbooks' steps show theirs (labkit.notebook: HTML and LaTeX)."""
    from IPython.display import Code

    code = Code("Get-Item x", language="powershell")
    code._repr_html_()
    code._repr_latex_()
