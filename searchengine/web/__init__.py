"""The web view and JSON HTTP API (``search serve``): a thin layer over NewsIndex.

``create_app(index)`` builds the FastAPI application; ``server.serve(index, host, port)``
runs it with uvicorn.
"""

from searchengine.web.app import create_app

__all__ = ["create_app"]
