"""Global Circularity Protocol v1.0: circular-performance module (ids ``gcp.*``).

GCP v1.0 builds on CTI v4.0, ISO 59020 and ESRS E5. Its own indicator definitions could not be checked, so
each ``gcp.*`` figure is the CTI figure it is taken to correspond to (same value, same inputs; no new
formula), and every entry is marked [assumed] with "GCP's own definition not confirmed".

The GCP frame (assessment level, use case, maturity, boundary note) is not a number: it is not emitted as
an indicator; the report and the app show it from the organisation record.

References
----------
.. [1] WBCSD and One Planet Network, *Global Circularity Protocol for Business* v1.0, November 2025 (Frame,
   Prepare, Measure, Manage, Communicate); mapping to CTI [assumed].
"""
from __future__ import annotations

from .base import IndicatorResult
from .catalogue import GCP_SOURCES, same_as


def compute(tables, results_so_far) -> list[IndicatorResult]:
    """Every ``gcp.*`` indicator, from the CTI results already computed."""
    get = results_so_far.get if results_so_far is not None else (lambda _k: None)
    return [same_as(gid, cid, get(cid)) for gid, cid in GCP_SOURCES.items()]
