# tenk: `make up STACK=dev` deploys a stack (local backend, or PULUMI_BACKEND_URL and
# PULUMI_SECRETS_PROVIDER when set: README "Team setup"); `make test` runs every test;
# `make e2e` deploys, probes and destroys a throwaway stack on your AWS account (see README).
STACK ?= dev
VARIANT ?= dev

.PHONY: up test e2e bench-app

up:
	./scripts/up.sh $(STACK)

# provider/ and app/ are their own Go modules (pulumi-go-provider; the application's drivers and
# the AWS SDK), so they are tested apart. app/'s tests start PostgreSQL, Redis and Memcached
# from Debian's packages (see app/README.md).
test:
	go test ./...
	cd provider && go test ./...
	cd app && go test ./...

# The reference application's load test (bounded: 2000 page requests over loopback).
bench-app:
	cd app && go test -run '^$$' -bench Page -benchtime 2000x ./internal/server

# -timeout leaves the test its own hour for destroy after a slow deploy (see e2e/doc.go).
e2e:
	TENK_E2E_VARIANT=$(VARIANT) go test -tags e2e -run TestAcceptance -count=1 -v -timeout 180m ./e2e/
