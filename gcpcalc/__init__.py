"""gcpcalc: corporate circularity disclosure calculator (CTI v4.0, ISO 59020, ESRS E5, MCI, GCP v1.0)."""
import os as _os

# openpyxl serialises XML with lxml when lxml is installed (Arelle, the [xbrl] extra, brings it) and with the
# standard library otherwise; the bytes differ. Keep the standard library so that generated workbooks (the
# checked-in templates) are the same with or without the extra. Effective when gcpcalc is imported first.
_os.environ.setdefault("OPENPYXL_LXML", "False")

__version__ = "0.1.0"
