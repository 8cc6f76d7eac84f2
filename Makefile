# tenk: `make up STACK=dev` deploys a stack (local backend, or PULUMI_BACKEND_URL and
# PULUMI_SECRETS_PROVIDER when set: README "Team setup"); `make test` runs every test.
STACK ?= dev

.PHONY: up test

up:
	./scripts/up.sh $(STACK)

test:
	go test ./...
