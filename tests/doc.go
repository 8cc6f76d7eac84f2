// Package tests is tenk's shared Pulumi mock harness: a recording mock monitor with stubs for the
// remote components and invokes the program uses, helpers to find registered resources and await
// outputs, and a loader that merges Pulumi.yaml and Pulumi.<stack>.yaml the way the CLI does.
//
// It imports no pulumi-aws package, so a component's tests compile only what the component needs.
// The whole-stack tests live in this directory's _test files.
package tests
