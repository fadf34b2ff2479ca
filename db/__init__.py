"""Database layer: models, engine, data functions. Never imports Streamlit."""
