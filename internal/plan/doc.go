// Package plan is `tenkctl plan`: it runs the tenk program for a stack under the recording Pulumi
// mocks of package tests, offline, and turns what was registered into a plan — the component
// tree with the settings that matter, an estimated monthly cost from a checked-in price table, a
// Mermaid diagram with the security-group edges — rendered as text, Markdown or JSON, and
// compared with an older plan's JSON (--diff).
//
// Everything is driven by type tokens and inputs, never by a fixed list of tenk resources, so a
// component wired into stacks.Run shows up in the plan without a change here. One file per
// concept: model.go (mock registrations → plan), settings.go, stateful.go, prices.go, cost.go,
// diagram.go, diff.go, render_*.go, run.go and cli.go.
package plan
