package testkit

import (
	"context"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/offline/monitor"
	"github.com/tenkstack/tenk/internal/offline/providers"
)

// Project is the Pulumi project name every URN in tests carries.
const Project = monitor.Project

// Mocks is the recording monitor of package monitor, named here so tests import one package.
type Mocks = monitor.Mocks

// Resource is one registration the monitor saw (monitor.Resource).
type Resource = monitor.Resource

// RunOptions choose a run's stack, config and monitor (monitor.RunOptions); a nil Mocks
// means NewMocks().
type RunOptions = monitor.RunOptions

// NewMocks returns a monitor with tenk's stubs (providers.All) and then extra, which replace
// the default stub of the same token: tests.NewMocks(providers.Region("eu-west-1")).
func NewMocks(extra ...monitor.Stub) *Mocks {
	return monitor.NewMocks(append(providers.All(), extra...)...)
}

// Run is monitor.Run with NewMocks() when opts has no monitor.
func Run(program pulumi.RunFunc, opts RunOptions) (*Mocks, error) {
	if opts.Mocks == nil {
		opts.Mocks = NewMocks()
	}
	return monitor.Run(program, opts)
}

// MustRun is Run that fails the test on a program error.
func MustRun(t testing.TB, program pulumi.RunFunc, opts RunOptions) *Mocks {
	t.Helper()
	m, err := Run(program, opts)
	require.NoError(t, err)
	return m
}

// Await returns the resolved value of an output; it fails the test when the output errs or is
// unknown.
func Await(t testing.TB, out pulumi.Output) any {
	t.Helper()
	res, err := internals.UnsafeAwaitOutput(context.Background(), out)
	require.NoError(t, err)
	require.True(t, res.Known, "output is unknown")
	return res.Value
}

// Build runs one component constructor under mocks and returns the recording and the component;
// it fails the test when the constructor errs.
func Build[T any](t testing.TB, construct func(ctx *pulumi.Context) (T, error)) (*Mocks, T) {
	t.Helper()
	var built T
	m := MustRun(t, func(ctx *pulumi.Context) error {
		var err error
		built, err = construct(ctx)
		return err
	}, RunOptions{})
	return m, built
}
