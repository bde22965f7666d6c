"""API endpoints of this part of publication (registered in ppid.api.api)."""

from ninja import Router

public_router = Router(tags=["publication"])
staff_router = Router(tags=["publication"])
