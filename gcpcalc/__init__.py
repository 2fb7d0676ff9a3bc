"""gcpcalc: corporate circularity disclosure calculator (CTI v4.0, ISO 59020, ESRS E5, MCI, GCP v1.0)."""
__version__ = "0.1.0"
