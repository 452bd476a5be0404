#!/usr/bin/env bash
# The README's two commands on a fresh clone with nothing beside it: the clone goes into a new temporary
# folder (no ../shared, no other checkout), then `npx -y pnpm@10.34.8 demo` and `npx -y pnpm@10.34.8 test`
# run there as a new user would run them. The last line is the clone's `N passed, N failed`, with one more
# failure if the demo failed. Usage: bash scripts/fresh-clone-check.sh [repository] (default: this one)
set -uo pipefail
source_repo="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
parent=$(mktemp -d "${TMPDIR:-/tmp}/greenlight-clone-XXXXXX")
trap 'rm -rf "$parent"' EXIT
PNPM=(npx -y pnpm@10.34.8)

git clone -q "$source_repo" "$parent/repo" || { echo "clone failed"; echo "0 passed, 1 failed"; exit 1; }
cd "$parent/repo" || exit 1
ls -A "$parent" | grep -vx repo && { echo "the clone's folder has something beside it"; echo "0 passed, 1 failed"; exit 1; }

demo_failed=0
echo "> npx -y pnpm@10.34.8 demo (fresh clone in $parent/repo)"
if ! timeout 1200 "${PNPM[@]}" demo; then
  echo "the demo failed on a fresh clone"
  demo_failed=1
fi

echo "> npx -y pnpm@10.34.8 test (fresh clone)"
log=$(mktemp)
timeout 3000 "${PNPM[@]}" test 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
rm -f "$log"
passed=$(sed -E 's/^([0-9]+) passed.*/\1/' <<<"${line:-0 passed, 1 failed}")
failed=$(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"${line:-0 passed, 1 failed}")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
failed=$((failed + demo_failed))
echo "fresh clone: ${passed} passed, ${failed} failed"
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
