#!/usr/bin/env bash
# Deploys one tenk stack with the local state backend: `make up STACK=dev`.
# Needs the Pulumi CLI, Go and AWS credentials (any method the AWS CLI accepts).
set -euo pipefail
stack="${1:-dev}"
cd "$(dirname "$0")/.."
command -v pulumi >/dev/null || { echo "up: install the Pulumi CLI first: https://www.pulumi.com/docs/install/" >&2; exit 1; }
# tenk keeps no secrets in config (databases and caches generate theirs), so an empty passphrase
# is the default for the local backend's secrets provider; export your own to override it.
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
pulumi login --local
pulumi stack select --create "$stack"
pulumi up --stack "$stack"
