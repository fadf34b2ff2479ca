"""The app as Streamlit's ASGI application (st.App): app.py is the script, and the server adds its own routes
(the login door, the live count's stream), the security headers on every response and the script error hook.

`streamlit run server.py` finds the App below and serves it with uvicorn. New routes go in the module that owns
them (a list ROUTES of Starlette routes) and are added to ROUTES here; nothing else needs to change."""

import streamlit as st
from starlette.middleware import Middleware

from components.ui import auth_routes, live_routes
from components.ui.feedback import on_script_error
from components.ui.headers import SecurityHeaders

ROUTES = [*auth_routes.ROUTES, *live_routes.ROUTES]
MIDDLEWARE = [Middleware(SecurityHeaders)]

app = st.App("app.py", routes=ROUTES, middleware=MIDDLEWARE, on_script_error=on_script_error)
