# tenk: `make up STACK=dev` deploys a stack on the local backend; `make test` runs every test.
STACK ?= dev

.PHONY: up test

up:
	./scripts/up.sh $(STACK)

test:
	go test ./...
