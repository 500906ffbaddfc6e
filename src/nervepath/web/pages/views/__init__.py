"""Views of the pages app, one module per area: patient pages, Learn, Check, the clinic."""
