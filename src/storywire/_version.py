"""The package version, alone in its module so that reading it imports nothing else."""

__version__ = "0.1.0"

# How the fetcher and the webhook sender name themselves to servers.
DEFAULT_USER_AGENT = f"storywire/{__version__} (self-hosted news monitor)"
