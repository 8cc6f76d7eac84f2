# tenk: `make up STACK=dev` deploys a stack (local backend, or PULUMI_BACKEND_URL and
# PULUMI_SECRETS_PROVIDER when set: README "Team setup"); `make test` runs every test;
# `make e2e` deploys, probes and destroys a throwaway stack on your AWS account (see README).
STACK ?= dev
VARIANT ?= dev

.PHONY: up test e2e

up:
	./scripts/up.sh $(STACK)

# provider/ is its own Go module (only it compiles pulumi-go-provider), so it is tested apart;
# provider/sdkcheck too (Pulumi's SDK generators): it needs Node.js and npm, and prints what it
# checked (-v) since one check is skipped without the Pulumi Python SDK (see provider/README.md).
test:
	go test ./...
	cd provider && go test ./...
	cd provider/sdkcheck && go test -v -timeout 20m ./...

# -timeout leaves the test its own hour for destroy after a slow deploy (see e2e/doc.go).
e2e:
	TENK_E2E_VARIANT=$(VARIANT) go test -tags e2e -run TestAcceptance -count=1 -v -timeout 180m ./e2e/
