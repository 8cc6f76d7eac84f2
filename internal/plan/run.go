package plan

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/internal/offline/monitor"
	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/offline/stackconfig"
	"github.com/tenkstack/tenk/stacks"
)

// Options choose what FromStack plans.
type Options struct {
	// Root is the directory with Pulumi.yaml and Pulumi.<stack>.yaml. Default: ".".
	Root string
	// Stack is the stack name; required.
	Stack string
	// Overrides are config keys ("tenk:web") set on top of the stack file, as `pulumi config set`
	// would, with object values as JSON.
	Overrides map[string]string
	// Program is the Pulumi program to run. Default: stacks.Run.
	Program pulumi.RunFunc
}

// FromStack loads a stack's config the way the Pulumi CLI merges it, runs the program under the
// recording monitor of internal/offline/monitor (offline: no AWS account, no Pulumi CLI) and builds its plan.
// The region is the stack's aws:region; a region without a price table fails before the run.
func FromStack(opts Options) (*Plan, error) {
	if opts.Root == "" {
		opts.Root = "."
	}
	if opts.Stack == "" {
		return nil, fmt.Errorf("no stack: pass -s <stack>, such as -s dev")
	}
	if opts.Program == nil {
		opts.Program = stacks.Run
	}
	cfg, err := stackconfig.Load(opts.Root, opts.Stack)
	if err != nil {
		return nil, fmt.Errorf("stack %q: %w", opts.Stack, err)
	}
	for k, v := range opts.Overrides {
		cfg[k] = v
	}
	region := cfg["aws:region"]
	if region == "" {
		return nil, fmt.Errorf("stack %q has no aws:region: set it in Pulumi.%s.yaml", opts.Stack, opts.Stack)
	}
	prices, err := LoadPrices(region)
	if err != nil {
		return nil, fmt.Errorf("stack %q: %w", opts.Stack, err)
	}
	mocks := monitor.NewMocks(providers.All()...)
	mocks.Region = region
	if err := inDir(opts.Root, func() error {
		_, err := monitor.Run(opts.Program, monitor.RunOptions{Stack: opts.Stack, Config: cfg, Mocks: mocks})
		return err
	}); err != nil {
		return nil, fmt.Errorf("stack %q: the program failed under mocks: %w", opts.Stack, err)
	}
	return Build(Meta{Project: monitor.Project, Stack: opts.Stack, Region: region}, mocks.Resources(), prices)
}

// inDir runs f with the working directory at dir, as the Pulumi CLI runs a program in its
// project's directory: a path the config gives relative to the project (tenk:app.build) resolves
// the same way in a plan made with --root from elsewhere. The working directory is the process's,
// so plans are made one at a time.
func inDir(dir string, f func() error) error {
	back, err := os.Getwd()
	if err != nil {
		return err
	}
	if err := os.Chdir(dir); err != nil {
		return fmt.Errorf("the project directory: %w", err)
	}
	defer func() { _ = os.Chdir(back) }()
	return f()
}
