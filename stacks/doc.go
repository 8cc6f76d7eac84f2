// Package stacks is the tenk program: Run loads and validates the stack's config, composes the
// components, and exports the stack outputs. Config types, the dev and prod baselines and the
// validation of config keys live here, so main.go is one line and tests can run the whole
// program under mocks.
package stacks
