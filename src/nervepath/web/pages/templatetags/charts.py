"""``{% patient_chart_panel chart %}``: the patient chart of a page, for the period in ``?period=``.

An unknown or missing period shows the chart's default (no error page for a hand-edited address).
The server-drawn SVG is not drawn here: the partial points a ``<noscript>`` image at its own address.
"""

from __future__ import annotations

from typing import Any

from django import template

from nervepath.web.pages.charts import PatientChart, period_labels

register = template.Library()


@register.inclusion_tag("pages/_chart.html", takes_context=True)
def patient_chart_panel(context: dict[str, Any], chart: PatientChart) -> dict[str, Any]:
    request = context.get("request")
    period = chart.choose(request.GET.get("period") if request is not None else None)
    return {
        "chart": chart,
        "period": period,
        "periods": list(period_labels().items()),
        "range": chart.range_text(period),
        "fallback": chart.fallback_url(period),
        "alt": chart.alt_text(period),
        "data": chart.data() | {"period": period},
    }
