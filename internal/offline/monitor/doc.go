// Package monitor runs a Pulumi program offline: a recording pulumi.MockResourceMonitor that
// keeps every registration and invoke in order, answers with the stubs it is given (NewMocks),
// and Run, which runs a program under it with a stack's config as the Pulumi CLI passes it.
//
// The plan CLI (internal/plan) and the tests share it, so it imports neither testing nor testify:
// `tenkctl plan` must not link them (TestPlanCLILinksNoTestCode in cmd/tenkctl). Test-only helpers that
// assert (MustRun, Await, Build) live in internal/testkit.
package monitor
