# shellcheck shell=bash
# Sourced by the stack scripts: checks on Pulumi.<stack>.yaml and the backend, shared so every
# path to a stack (make up, CI's deploy, preview and drift) fails the same way, early.

# require_secrets_provider STACK fails unless Pulumi.<STACK>.yaml names its secrets provider
# (secretsprovider: awskms://…) and the data key encrypted with it (encryptedkey:). Without those
# lines the Pulumi CLI does not look at the provider recorded in the state: it falls back to the
# passphrase provider (pkg/v3 v3.274.1 cmd/pulumi/stack/secrets.go, GetSecretsManager, unless
# PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER is set) and stops with "passphrase must be set".
require_secrets_provider() {
  local stack=$1 file="Pulumi.$1.yaml"
  if [ -f "$file" ] && grep -Eq '^secretsprovider:[[:space:]]*[a-z0-9]+://' "$file" &&
    grep -Eq '^encryptedkey:[[:space:]]*[^[:space:]]' "$file"; then
    return 0
  fi
  cat >&2 <<MSG
$file has no secretsprovider: and encryptedkey: lines, so the Pulumi CLI cannot decrypt stack
$stack here: it would fall back to the passphrase provider ("passphrase must be set"). Create the
stack on your machine with the team's KMS key and commit its file (README "Team setup", step 2):

  export PULUMI_BACKEND_URL='<bootstrap loginUrl>' PULUMI_SECRETS_PROVIDER='<bootstrap secretsProvider>'
  make stacks STACKS="$stack"
  git add $file && git commit -m "tenk: $stack stack's secrets provider"
MSG
  return 1
}

# stack_exists STACK: 0 when the logged-in backend has the stack, 1 when it has not, 2 (with the
# CLI's error on stderr) when the CLI failed for another reason. `pulumi stack select` without
# --create writes nothing to the backend; the CLI's own wording for a missing stack is
# "no stack named '<name>' found" (pkg/v3 v3.274.1 backend/backenderr/backenderr.go).
stack_exists() {
  local err
  if err=$(pulumi stack select "$1" 2>&1 >/dev/null); then
    return 0
  fi
  if grep -q "no stack named" <<<"$err"; then
    return 1
  fi
  echo "$err" >&2
  return 2
}

# login MODE logs in to PULUMI_BACKEND_URL; when it is unset, MODE local-ok logs in to the local
# backend (~/.pulumi) and MODE shared-only fails.
login() {
  if [ -n "${PULUMI_BACKEND_URL:-}" ]; then
    pulumi login "$PULUMI_BACKEND_URL" >/dev/null
  elif [ "${1:-}" = local-ok ]; then
    pulumi login --local >/dev/null
  else
    echo "PULUMI_BACKEND_URL is not set: set it to bootstrap's loginUrl output (README \"Team setup\")" >&2
    return 1
  fi
}
