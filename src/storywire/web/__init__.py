"""The web face: FastAPI pages and JSON API over the same store and modules as the CLI.

``storywire serve`` runs ``create_app`` under uvicorn; docs/web.md explains the design.
"""

from storywire.web.app import create_app

__all__ = ["create_app"]
