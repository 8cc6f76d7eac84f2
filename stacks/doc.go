// Package stacks is the tenk program: Run loads and validates the stack's config, composes the
// components, and exports the stack outputs, so main.go is one line and tests can run the whole
// program under mocks.
//
// The config is the components' own Args (Config): each section is one table
// (table_<section>.go) whose rows bind a key to an Args field, with the section's dev and prod
// baselines as Args values, the baselines of engines and modes (variants), and how the program
// builds the section's Args for validation. The engine that reads, checks and documents them is
// internal/configschema; the README's config tables and Pulumi.yaml's descriptions are generated
// from the tables (go generate ./stacks).
package stacks

//go:generate go test . -run TestConfigDocs -update
