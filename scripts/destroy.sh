#!/usr/bin/env bash
# Destroys one tenk stack: `make destroy STACK=dev`, or `scripts/destroy.sh dev [pulumi destroy
# flags…]` (--yes to skip the confirmation). Same backend and secrets as scripts/up.sh.
#
# A deleted CloudFront VPC origin leaves its network interfaces and the security group
# CloudFront-VPCOrigins-Service-SG in the VPC for a while, and until they go the subnets and the
# VPC cannot be deleted (DependencyViolation). When a destroy fails, this waits, bounded
# (TENK_DESTROY_WAIT, default 20m), for them to go, saying what is left, then destroys again
# (TENK_DESTROY_ATTEMPTS in all, default 2).
set -euo pipefail
stack="${1:?usage: scripts/destroy.sh <stack> [pulumi destroy flags…]}"
shift
cd "$(dirname "$0")/.."
# shellcheck source=scripts/stackfile.sh
source scripts/stackfile.sh
command -v pulumi >/dev/null || { echo "destroy: install the Pulumi CLI first: https://www.pulumi.com/docs/install/" >&2; exit 1; }
login local-ok
if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
  export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
fi

# The state before the first attempt still knows the VPC (its ID and region) to watch.
state=$(mktemp)
trap 'rm -f "$state"' EXIT
pulumi stack export --stack "$stack" --file "$state"

attempts="${TENK_DESTROY_ATTEMPTS:-2}"
for ((attempt = 1; ; attempt++)); do
  if pulumi destroy --stack "$stack" "$@"; then
    exit 0
  fi
  if ((attempt >= attempts)); then
    echo "destroy: stack $stack still holds resources after $attempt attempts: see the errors above, then run \`make destroy STACK=$stack\` again." >&2
    exit 1
  fi
  echo "destroy: attempt $attempt failed; waiting for what AWS deletes late before attempt $((attempt + 1))" >&2
  # It names what is still there when it gives up; the next attempt runs anyway and says what
  # it cannot delete.
  go run ./scripts/vpc-origin-wait --state "$state" --timeout "${TENK_DESTROY_WAIT:-20m}" || true
done
