"""The Streamlit app's screens: a thin layer of widgets over gcpcalc (no indicator math here).

``state`` (session state and loading), ``engine`` (cached validation and computation), ``form``
(organisation and table editors), ``upload``, ``results`` (KPI tiles and framework tables), ``charts``,
``downloads``, ``start`` and ``main`` (layout and navigation). The procurement and store pages are the
optional modules ``procurement_page`` and ``store_page``, shown when installed.
"""
