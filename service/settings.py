"""The service's settings are `config.Settings` (below both service/ and workers/).

Re-exported here for the scripts and tests that import it from the service.
"""

from config import PipelineSettings, Settings

__all__ = ["PipelineSettings", "Settings"]
