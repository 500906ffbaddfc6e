"""Template filters that turn stable ids into the names their data files give them."""

from __future__ import annotations

from django import template

from nervepath.errors import UnknownIdentifier
from nervepath.instruments import get_instrument
from nervepath.web.pages.charts import drug_name as _drug_name

register = template.Library()


@register.filter
def instrument_name(instrument_id: str) -> str:
    try:
        return get_instrument(instrument_id).short_name
    except UnknownIdentifier:
        return instrument_id


@register.filter
def drug_name(drug_id: str) -> str:
    return _drug_name(drug_id)


@register.filter
def words(identifier: str) -> str:
    return identifier.replace("_", " ")


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    return mapping.get(key)
