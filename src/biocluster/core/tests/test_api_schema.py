"""The OpenAPI schema names each component once: two apps' schemas of the same name
would silently overwrite each other and describe responses wrongly."""

from collections import defaultdict

from ninja import Schema

from biocluster.config.api import api


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_schema_names_are_unique_across_apps():
    api.get_openapi_schema()  # imports every router and its schemas
    by_name = defaultdict(set)
    for schema in _subclasses(Schema):
        if schema.__module__.startswith("biocluster."):
            by_name[schema.__name__].add(
                repr(sorted(schema.model_json_schema().get("properties", {}).items()))
            )
    clashes = {name for name, shapes in by_name.items() if len(shapes) > 1}
    assert clashes == set(), "rename these schemas so that each name means one shape"


def test_the_schema_is_served_and_documents_errors(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/organisations"]["post"]
    assert {"201", "401", "403", "422"} <= set(operation["responses"])
