from ninja import Router

router = Router(tags=["accreditation"])
