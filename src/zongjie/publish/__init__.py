"""Putting a built site on the intranet web server: ``zongjie publish``.

Small modules, one concern each: ``release`` (release folders, the ``current`` link, lock,
keep and rollback), ``reuse`` (hard links to unchanged files of the previous release),
``compress`` (``.gz``/``.br`` copies for nginx's ``*_static`` modules), ``csp`` (the
Content-Security-Policy the site's inline code needs), ``nginx`` (the server block and the
Chinese error pages) and ``publisher`` (the steps in their safe order).
"""
