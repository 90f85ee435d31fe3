"""Settings of the service and the workers, below both: service -> workers -> config.

`Settings()` reads the environment when it is made, never at import; the pipeline's
options are its nested part (`settings.pipeline.options()`).
"""

from config.pipeline import PipelineSettings
from config.settings import Settings

__all__ = ["PipelineSettings", "Settings"]
