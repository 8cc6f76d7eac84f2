#!/usr/bin/env bash
# Deploys one tenk stack: `make up STACK=dev`, or `scripts/up.sh dev [pulumi up flags…]` (CI passes
# --yes --non-interactive). Needs the Pulumi CLI, Go and AWS credentials (any method the AWS CLI
# accepts).
#
# State: the local backend (~/.pulumi) unless PULUMI_BACKEND_URL is set, for example the shared
# S3 backend bootstrap/ creates (its loginUrl output: s3://<bucket>?region=<region>&awssdk=v2).
# Secrets: a stack this script creates uses PULUMI_SECRETS_PROVIDER when it is set (bootstrap's
# secretsProvider output: awskms://alias/<name>?region=<region>), else a passphrase.
set -euo pipefail
stack="${1:-dev}"
shift || true
cd "$(dirname "$0")/.."
command -v pulumi >/dev/null || { echo "up: install the Pulumi CLI first: https://www.pulumi.com/docs/install/" >&2; exit 1; }

if [ -n "${PULUMI_BACKEND_URL:-}" ]; then
  pulumi login "$PULUMI_BACKEND_URL"
else
  pulumi login --local
fi

create=(--create)
if [ -n "${PULUMI_SECRETS_PROVIDER:-}" ]; then
  create+=(--secrets-provider "$PULUMI_SECRETS_PROVIDER")
else
  # tenk keeps no secrets in config (databases and caches generate theirs), so an empty
  # passphrase is the default for the passphrase provider; export your own to override it.
  export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
fi
# --create only applies when the stack does not exist yet; an existing stack keeps the secrets
# provider recorded in Pulumi.<stack>.yaml.
pulumi stack select "${create[@]}" "$stack"
pulumi up --stack "$stack" "$@"
