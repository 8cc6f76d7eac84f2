#!/usr/bin/env bash
# Deploys one tenk stack: `make up STACK=dev`, or `scripts/up.sh dev [pulumi up flags…]` (CI passes
# --yes --non-interactive). Needs the Pulumi CLI, Go and AWS credentials (any method the AWS CLI
# accepts).
#
# State: the local backend (~/.pulumi) unless PULUMI_BACKEND_URL is set, for example the shared
# S3 backend bootstrap/ creates (its loginUrl output: s3://<bucket>?region=<region>&awssdk=v2).
# Secrets: a stack this script creates on your machine uses PULUMI_SECRETS_PROVIDER (bootstrap's
# secretsProvider output: awskms://alias/<name>?region=<region>); commit the Pulumi.<stack>.yaml
# lines it writes. Only on the local backend (PULUMI_BACKEND_URL unset) does it fall back to a
# passphrase; in the shared backend it refuses to create a stack without the variable (nobody
# else could decrypt it). In CI (CI=true) it never creates a stack: the lines would exist only on
# the runner and the next run could not decrypt the stack.
set -euo pipefail
stack="${1:-dev}"
shift || true
cd "$(dirname "$0")/.."
# shellcheck source=scripts/stackfile.sh
source scripts/stackfile.sh
command -v pulumi >/dev/null || { echo "up: install the Pulumi CLI first: https://www.pulumi.com/docs/install/" >&2; exit 1; }

shared=false
if [ -n "${PULUMI_BACKEND_URL:-}" ] || [ "${CI:-}" = true ]; then
  shared=true
fi
# Fail before touching the backend when CI could not decrypt the stack anyway.
if [ "${CI:-}" = true ]; then
  require_secrets_provider "$stack"
fi
login local-ok

set +e
stack_exists "$stack"
status=$?
set -e
case "$status" in
  0) ;;
  1)
    if [ "${CI:-}" = true ]; then
      echo "up: stack $stack does not exist in ${PULUMI_BACKEND_URL:-the backend}. CI never creates a stack; create it on your machine with \`make stacks STACKS=$stack\` and commit Pulumi.$stack.yaml (README \"Team setup\")." >&2
      exit 1
    fi
    if [ -n "${PULUMI_BACKEND_URL:-}" ] && [ -z "${PULUMI_SECRETS_PROVIDER:-}" ]; then
      echo "up: stack $stack does not exist in $PULUMI_BACKEND_URL and PULUMI_SECRETS_PROVIDER is not set: it would be created in the shared backend with a passphrase nobody else has. Set PULUMI_SECRETS_PROVIDER to bootstrap's secretsProvider output (awskms://alias/…), or create it with \`make stacks STACKS=$stack\`, and commit Pulumi.$stack.yaml (README \"Team setup\", step 2)." >&2
      exit 1
    fi
    if [ -n "${PULUMI_SECRETS_PROVIDER:-}" ]; then
      pulumi stack init "$stack" --secrets-provider "$PULUMI_SECRETS_PROVIDER"
      echo "up: created stack $stack; commit the secretsprovider/encryptedkey lines of Pulumi.$stack.yaml so CI and teammates can decrypt it." >&2
    else
      # The local backend only: tenk keeps no secrets in config (databases and caches generate
      # theirs), so an empty passphrase is the default; export your own to override it.
      export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
      pulumi stack init "$stack"
    fi
    ;;
  *) exit 1 ;;
esac
if [ "$shared" = true ]; then
  require_secrets_provider "$stack"
else
  export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
fi
pulumi up --stack "$stack" "$@"
