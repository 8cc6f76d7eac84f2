#!/usr/bin/env bash
# Creates every stack in the shared backend with the team's KMS secrets provider, once, from
# your machine: `make stacks` (dev and prod) or `make stacks STACKS="dev prod"`. Then commit the
# Pulumi.<stack>.yaml files: their secretsprovider: and encryptedkey: lines are what lets CI and
# teammates decrypt each stack (README "Team setup", step 2). A stack that exists but whose file
# lost those lines gets them back from the provider recorded in its state.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/stackfile.sh
source scripts/stackfile.sh
command -v pulumi >/dev/null || { echo "stacks: install the Pulumi CLI first: https://www.pulumi.com/docs/install/" >&2; exit 1; }
if [ -z "${PULUMI_BACKEND_URL:-}" ] || [ -z "${PULUMI_SECRETS_PROVIDER:-}" ]; then
  echo "stacks: set PULUMI_BACKEND_URL and PULUMI_SECRETS_PROVIDER to bootstrap's loginUrl and secretsProvider outputs (README \"Team setup\")" >&2
  exit 1
fi
stacks=("$@")
[ ${#stacks[@]} -gt 0 ] || stacks=(dev prod)
login shared-only

files=()
for stack in "${stacks[@]}"; do
  set +e
  stack_exists "$stack"
  status=$?
  set -e
  case "$status" in
    0)
      if require_secrets_provider "$stack" 2>/dev/null; then
        echo "$stack: exists, Pulumi.$stack.yaml names its secrets provider"
      else
        # The state knows the provider; the file forgot it. Rewrite the lines from the state.
        PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER=true \
          pulumi stack change-secrets-provider --stack "$stack" "$PULUMI_SECRETS_PROVIDER"
      fi
      ;;
    1) pulumi stack init "$stack" --secrets-provider "$PULUMI_SECRETS_PROVIDER" ;;
    *) exit 1 ;;
  esac
  require_secrets_provider "$stack"
  files+=("Pulumi.$stack.yaml")
done
echo
echo "Now commit the stack files, so CI and teammates decrypt with the same key:"
echo "  git add ${files[*]} && git commit -m 'tenk stacks: KMS secrets provider'"
