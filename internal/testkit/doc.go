// Package testkit is tenk's test-only harness: NewMocks (the recording monitor of
// internal/offline/monitor with tenk's stubs from internal/offline/providers), MustRun, Await and
// Build, which fail a test instead of returning errors, and IAM policy helpers. The monitor itself
// and the stack config loader (internal/offline/stackconfig) are separate packages because the
// plan CLI uses them too and must not link testing.
//
// It imports no pulumi-aws package, so a component's tests compile only what the component needs.
// The whole-stack tests live in tests/, which holds only _test files.
package testkit
