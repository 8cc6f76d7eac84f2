// Package stacks is the tenk program: Run loads and validates the stack's config, composes the
// components, and exports the stack outputs, so main.go is one line and tests can run the whole
// program under mocks.
//
// Each config section is one table (table_<section>.go): its Config struct and one row per
// setting with the key, the component field it sets (by path, such as "Scaling.MinSize"), the dev
// and prod baselines, the limits and a one-line doc. The baselines, decoding, the unknown-key
// check, the mapping onto component args (applyRows), the translation of component field errors
// into config keys, and the config docs in Pulumi.yaml and the README all come from the rows.
package stacks
