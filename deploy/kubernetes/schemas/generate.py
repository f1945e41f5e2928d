#!/usr/bin/env python3
"""Writes the JSON Schemas that KubernetesManifestsTest validates the rendered manifests against.

Only the kinds the manifests use are written, one file per apiVersion and kind, named as
kubeconform / yannh/kubernetes-json-schema name theirs (<kind>-<group>-<version>.json, lower case).

  generate.py KUBERNETES_SWAGGER_JSON CRD_YAML... > /dev/null

- Kubernetes kinds come from the API server's OpenAPI v2 document (swagger.json), made standalone-strict as
  yannh's openapi2jsonschema does: every $ref inlined, additionalProperties false on every object that lists
  its properties, an int-or-string as integer or string, a quantity as number or string, apiVersion and kind
  as enums. Descriptions are dropped (they are most of the size).
- Custom resources come from their CRD's openAPIV3Schema for the served version, made strict the same way
  (except where the CRD keeps unknown fields), with apiVersion and kind as enums.

Sources and versions: schemas/README.md. Needs Python 3 with PyYAML.
"""
import json
import sys
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parent

KUBERNETES_KINDS = {
    # (group, version, kind)
    ("", "v1", "ConfigMap"),
    ("", "v1", "Namespace"),
    ("", "v1", "Service"),
    ("apps", "v1", "Deployment"),
    ("autoscaling", "v2", "HorizontalPodAutoscaler"),
    ("networking.k8s.io", "v1", "Ingress"),
    ("networking.k8s.io", "v1", "NetworkPolicy"),
    ("policy", "v1", "PodDisruptionBudget"),
}

CUSTOM_KINDS = {
    ("kafka.strimzi.io", "v1", "Kafka"),
    ("kafka.strimzi.io", "v1", "KafkaNodePool"),
    ("kafka.strimzi.io", "v1", "KafkaTopic"),
    ("kafka.strimzi.io", "v1", "KafkaUser"),
    ("postgresql.cnpg.io", "v1", "Cluster"),
    ("monitoring.coreos.com", "v1", "PrometheusRule"),
    ("monitoring.coreos.com", "v1", "ServiceMonitor"),
}


def file_name(group, version, kind):
    group_part = "-" + group.split(".")[0] if group else ""
    return f"{kind.lower()}{group_part}-{version}.json"


def api_version(group, version):
    return f"{group}/{version}" if group else version


def strip_descriptions(node):
    if isinstance(node, dict):
        return {k: strip_descriptions(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [strip_descriptions(v) for v in node]
    return node


def strict(node):
    """additionalProperties false on every object that lists its properties and does not keep unknown fields."""
    if isinstance(node, list):
        return [strict(v) for v in node]
    if not isinstance(node, dict):
        return node
    result = {k: strict(v) for k, v in node.items()}
    if ("properties" in result and "additionalProperties" not in result
            and not result.get("x-kubernetes-preserve-unknown-fields")):
        result["additionalProperties"] = False
    return result


def inline(node, definitions, seen=()):
    if isinstance(node, list):
        return [inline(v, definitions, seen) for v in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/definitions/")
        if name in seen:
            raise ValueError(f"recursive definition {name}")
        return inline(special(name, definitions[name]), definitions, seen + (name,))
    return {k: inline(v, definitions, seen) for k, v in node.items()}


def special(name, definition):
    if name == "io.k8s.apimachinery.pkg.util.intstr.IntOrString":
        return {"oneOf": [{"type": "string"}, {"type": "integer"}]}
    if name == "io.k8s.apimachinery.pkg.api.resource.Quantity":
        return {"oneOf": [{"type": "string"}, {"type": "number"}]}
    return definition


def with_type_enums(schema, group, version, kind):
    properties = schema.setdefault("properties", {})
    properties["apiVersion"] = {"type": "string", "enum": [api_version(group, version)]}
    properties["kind"] = {"type": "string", "enum": [kind]}
    schema["required"] = sorted(set(schema.get("required", [])) | {"apiVersion", "kind"})
    return schema


def kubernetes_schemas(swagger_path):
    definitions = json.loads(Path(swagger_path).read_text())["definitions"]
    found = {}
    for name, definition in definitions.items():
        for gvk in definition.get("x-kubernetes-group-version-kind", []):
            key = (gvk["group"], gvk["version"], gvk["kind"])
            if key in KUBERNETES_KINDS:
                schema = strict(strip_descriptions(inline(definition, definitions, (name,))))
                schema.pop("x-kubernetes-group-version-kind", None)
                found[key] = with_type_enums(schema, *key)
    return found


def custom_schemas(crd_paths):
    found = {}
    for path in crd_paths:
        for crd in yaml.safe_load_all(Path(path).read_text()):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            for version in crd["spec"]["versions"]:
                key = (group, version["name"], kind)
                if key in CUSTOM_KINDS and version.get("served", True):
                    schema = strict(strip_descriptions(version["schema"]["openAPIV3Schema"]))
                    found[key] = with_type_enums(schema, *key)
    return found


def main(swagger, *crds):
    schemas = kubernetes_schemas(swagger) | custom_schemas(crds)
    missing = (KUBERNETES_KINDS | CUSTOM_KINDS) - schemas.keys()
    if missing:
        sys.exit(f"No schema found for {sorted(missing)}")
    for old in OUT.glob("*.json"):
        old.unlink()
    for (group, version, kind), schema in sorted(schemas.items()):
        target = OUT / file_name(group, version, kind)
        target.write_text(json.dumps(schema, sort_keys=True, separators=(",", ":")) + "\n")
        print(f"{target.name}\t{target.stat().st_size}")


if __name__ == "__main__":
    main(*sys.argv[1:])
