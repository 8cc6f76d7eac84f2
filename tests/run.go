package tests

import (
	"context"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
	"github.com/stretchr/testify/require"
)

// Project is the Pulumi project name every URN in tests carries.
const Project = "tenk"

// RunOptions choose the stack name, its config and the monitor a run uses.
type RunOptions struct {
	// Stack is the stack name. Default: "test".
	Stack string
	// Config holds fully qualified keys ("tenk:environment") and their string values, as the
	// CLI passes them to the program; object values are JSON.
	Config map[string]string
	// Mocks records the run. Default: NewMocks().
	Mocks *Mocks
	// Preview runs the program as `pulumi preview` does (dry run): outputs a provider computes on
	// create, such as the IDs of Mocks.NotYetCreated types, are unknown. Default: false (update).
	Preview bool
}

// Run runs program under Pulumi mocks and returns the monitor that recorded it and the
// program's error. The config also reaches the program through PULUMI_CONFIG, as from the CLI;
// runs are serialised while it does.
func Run(program pulumi.RunFunc, opts RunOptions) (*Mocks, error) {
	if opts.Mocks == nil {
		opts.Mocks = NewMocks()
	}
	if opts.Stack == "" {
		opts.Stack = "test"
	}
	cfg := opts.Config
	err := withProgramEnv(cfg, func() error {
		return pulumi.RunErr(program, pulumi.WithMocks(Project, opts.Stack, opts.Mocks), func(info *pulumi.RunInfo) {
			info.Config = cfg
			info.DryRun = opts.Preview
		})
	})
	return opts.Mocks, err
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

// One returns the only registration of a type token; it fails the test unless there is exactly
// one.
func (m *Mocks) One(t testing.TB, typ string) Resource {
	t.Helper()
	list := m.ByType(typ)
	require.Len(t, list, 1, typ)
	return list[0]
}

// Children checks the component rules for a run that built one component of type token: every
// other registration is a direct child of it, named "<component name>-<suffix>". It returns the
// children for further assertions.
func (m *Mocks) Children(t testing.TB, token string) []Resource {
	t.Helper()
	component := m.One(t, token)
	var children []Resource
	for _, r := range m.Resources() {
		if r.URN == component.URN {
			continue
		}
		require.Equal(t, component.URN, r.Parent, "%s %s is not a child of the component", r.Type, r.Name)
		require.True(t, strings.HasPrefix(r.Name, component.Name+"-"), "%s %s is not named after the component %q", r.Type, r.Name, component.Name)
		children = append(children, r)
	}
	return children
}
