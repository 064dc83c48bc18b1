"""Site layer: the MkDocs glue (events), nav, rendering of markers, charts, history, preview."""
