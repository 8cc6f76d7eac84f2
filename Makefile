# tenk: `make up STACK=dev` deploys a stack (local backend, or PULUMI_BACKEND_URL and
# PULUMI_SECRETS_PROVIDER when set: README "Team setup"); `make stacks` creates every stack in the
# shared backend with the KMS secrets provider; `make destroy STACK=dev` destroys one, waiting for
# a CloudFront VPC origin's leftovers; `make test` runs every test; `make e2e` deploys, probes and
# destroys a throwaway stack on your AWS account (see README).
STACK ?= dev
STACKS ?= dev prod
VARIANT ?= dev

.PHONY: up stacks destroy test e2e bench-app

up:
	./scripts/up.sh $(STACK)

stacks:
	./scripts/init-stacks.sh $(STACKS)

destroy:
	./scripts/destroy.sh $(STACK)

# provider/ and app/ are their own Go modules (pulumi-go-provider; the application's drivers and
# the AWS SDK), so they are tested apart. app/'s tests start PostgreSQL, Redis and Memcached
# from Debian's packages (see app/README.md; scripts/ci-packages.sh installs them). provider/sdkcheck
# too (Pulumi's SDK generators): it needs Node.js, npm and python3, and prints what it checked
# (-v): outside CI a check skips when its tool is missing (see provider/README.md).
test:
	go test ./...
	cd provider && go test ./...
	cd provider/sdkcheck && go test -v -timeout 20m ./...
	cd app && go test ./...

# The reference application's load test (bounded: 2000 page requests over loopback).
bench-app:
	cd app && go test -run '^$$' -bench Page -benchtime 2000x ./internal/server

# -timeout leaves the test 80 minutes for cleanup after a slow deploy: two destroys and the wait
# between them for a VPC origin's leftovers (cleanupReserve in e2e/acceptance_e2e_test.go).
e2e:
	TENK_E2E_VARIANT=$(VARIANT) go test -tags e2e -run TestAcceptance -count=1 -v -timeout 195m ./e2e/
