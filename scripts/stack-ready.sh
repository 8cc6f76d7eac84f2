#!/usr/bin/env bash
# Says whether CI can preview or refresh a stack: `scripts/stack-ready.sh prod`. It fails when
# Pulumi.<stack>.yaml lacks its secrets-provider lines (CI could not decrypt the stack), and
# writes exists=true|false to $GITHUB_OUTPUT: a stack not created yet (README "Team setup",
# step 2) has nothing to preview, which is a notice in the job summary, not a failure.
set -euo pipefail
stack="${1:?usage: scripts/stack-ready.sh <stack>}"
cd "$(dirname "$0")/.."
# shellcheck source=scripts/stackfile.sh
source scripts/stackfile.sh

require_secrets_provider "$stack"
login shared-only
set +e
stack_exists "$stack"
status=$?
set -e
case "$status" in
  0) exists=true ;;
  1)
    exists=false
    msg="Stack $stack does not exist in the backend yet: nothing to preview. Create it with \`make stacks STACKS=$stack\` (README \"Team setup\")."
    echo "::notice::$msg"
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
      printf '### %s: not created yet\n\n%s\n' "$stack" "$msg" >>"$GITHUB_STEP_SUMMARY"
    fi
    ;;
  *) exit 1 ;;
esac
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exists=$exists" >>"$GITHUB_OUTPUT"
fi
echo "$stack: exists=$exists"
