#!/usr/bin/env bash
# The Python package's tests, run by .ci/run after `mvn -B verify` (which wrote the engine jar into
# python/src/tealdb/_jars). Installs the package and what its tests need (jpype1, pyarrow, numpy,
# pandas, polars, duckdb as the differential oracle, pytest) into a venv, then runs pytest.
set -euo pipefail
cd "$(dirname "$0")"

VENV=build/venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" || {
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$VENV"
  }
fi
"$VENV/bin/pip" install -q --disable-pip-version-check jpype1 pyarrow numpy pandas polars duckdb pytest
# the package as a user gets it (the wheel bundles the jar; it runs Maven only when the jar is missing)
"$VENV/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps .

# pytest exits 0 when all passed, 1 on failures, 5 when it collected nothing: all but 0 fail CI.
# Run from tests/ against the installed package (not src/), -p no:faulthandler because the JVM owns those signals.
set +e
(cd tests && "../$VENV/bin/python" -m pytest -q -p no:faulthandler -p no:cacheprovider .)
code=$?
set -e
if [ "$code" -ne 0 ]; then
  echo "python tests failed (pytest exit code $code)" >&2
  exit "$code"
fi
