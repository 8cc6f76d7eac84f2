// Package tests is tenk's test-only harness and the home of the whole-stack tests: NewMocks (the
// monitor of internal/mockmonitor with tenk's stubs from internal/providerstubs), MustRun, Await
// and Build, which fail a test instead of returning errors, and IAM policy helpers. The monitor
// itself and the stack config loader (internal/stackconfig) live under internal/ because the plan
// CLI uses them too and must not link testing.
//
// It imports no pulumi-aws package, so a component's tests compile only what the component needs.
// The whole-stack tests live in this directory's _test files.
package tests
