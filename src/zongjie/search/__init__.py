"""Chinese full-text search for the zongjie site.

The engine is built at site-build time from each page's final HTML and queried in the
browser by a Web Worker that speaks Material for MkDocs' search-worker protocol, so
Material's own search box and result list render the results.

Modules:

* :mod:`.normalize` – the one text normalization (NFKC width folding, Traditional →
  Simplified, case folding, punctuation and spaces dropped) shared with the browser.
* :mod:`.extract` – article text and sections from a page's rendered HTML.
* :mod:`.indexer` – segments → character bigram / unigram postings.
* :mod:`.shards` – writes the index as small static files under ``site/search/zongjie/``.
* :mod:`.events` – the MkDocs events that ``hooks/zongjie_search.py`` forwards.
"""
