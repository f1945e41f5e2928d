#!/usr/bin/env bash
# Checks the API descriptions with outside tools, pinned in package.json (run `npm ci` first):
#   - contracts/asyncapi.yaml: the AsyncAPI CLI's validate, and Spectral (spectral:asyncapi);
#   - every OpenAPI document (*/openapi.yaml, contracts/openapi/*.yaml): Spectral (spectral:oas);
#   - every schema in contracts/schemas: compiled by ajv (draft 2020-12, strict, with formats), and the
#     example of its type in contracts/examples validated against it.
# Rules are in .spectral.yaml. Any error or warning fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=node_modules/.bin
for tool in asyncapi spectral ajv; do
  if [ ! -x "$bin/$tool" ]; then
    echo "$bin/$tool is missing: run 'npm ci' at the repository root first." >&2
    exit 1
  fi
done

# The AsyncAPI CLI reports usage to a metrics service and checks the registry for a newer version unless
# told not to: a config file with analytics off, and oclif's skip flag, keep it offline.
analytics="node_modules/.cache/asyncapi-analytics.json"
mkdir -p "$(dirname "$analytics")"
echo '{"analyticsEnabled":"false","infoMessageShown":"true","userID":"none"}' >"$analytics"
export ASYNCAPI_METRICS_CONFIG_PATH="$PWD/$analytics" ASYNCAPI_SKIP_NEW_VERSION_CHECK=true

echo "== AsyncAPI: contracts/asyncapi.yaml"
"$bin/asyncapi" validate contracts/asyncapi.yaml --fail-severity=warn
"$bin/spectral" lint --fail-severity=warn --quiet contracts/asyncapi.yaml
echo "Spectral (spectral:asyncapi): no errors, no warnings"

echo "== OpenAPI"
shopt -s nullglob
openapi=(*/openapi.yaml contracts/openapi/*.yaml)
shopt -u nullglob
if [ ${#openapi[@]} -eq 0 ]; then
  echo "No OpenAPI document committed yet (*/openapi.yaml, contracts/openapi/*.yaml): nothing to check."
else
  "$bin/spectral" lint --fail-severity=warn --quiet "${openapi[@]}"
  echo "Spectral (spectral:oas): no errors, no warnings in ${openapi[*]}"
fi

echo "== JSON Schemas and examples (ajv, draft 2020-12, strict)"
ajv=("$bin/ajv" --spec=draft2020 --strict=true -c ajv-formats)
"${ajv[@]}" compile -s "contracts/schemas/*.schema.json" >/dev/null
status=0
for example in contracts/examples/*.json; do
  type="$(basename "$example" .json)"
  if [ ! -f "contracts/schemas/$type.schema.json" ]; then
    echo "$example: no schema contracts/schemas/$type.schema.json" >&2
    status=1
  fi
done
for schema in contracts/schemas/*.schema.json; do
  type="$(basename "$schema" .schema.json)"
  if [ ! -f "contracts/examples/$type.json" ]; then
    echo "$schema: no example contracts/examples/$type.json" >&2
    status=1
  elif ! "${ajv[@]}" validate -s "$schema" -d "contracts/examples/$type.json" >/dev/null; then
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "ajv: every schema compiles and every example conforms to its schema"
exit "$status"
