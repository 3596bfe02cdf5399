"""Bodies the owning service validates field by field; the gateway passes them on as sent."""

from typing import Annotated, Any

from fastapi import Body

JsonObject = Annotated[
    dict[str, Any], Body(description="validated by the service; errors name each field")
]
