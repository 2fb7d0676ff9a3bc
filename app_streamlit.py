"""Streamlit app of gcpcalc: `streamlit run app_streamlit.py` (or `make app`) opens it on the sample company."""
from gcpcalc.app.main import main

main()
