package monitor

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Project is the Pulumi project name every URN of a run carries.
const Project = "tenk"

// RunOptions choose the stack name, its config and the monitor a run uses.
type RunOptions struct {
	// Stack is the stack name. Default: "test".
	Stack string
	// Config holds fully qualified keys ("tenk:environment") and their string values, as the
	// CLI passes them to the program; object values are JSON.
	Config map[string]string
	// Mocks records the run. Default: NewMocks() with no stubs.
	Mocks *Mocks
	// SecretKeys are the Config keys the stack holds as secrets (`pulumi config set --secret`),
	// as the CLI marks them (PULUMI_CONFIG_SECRET_KEYS). Default: none.
	SecretKeys []string
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
			info.ConfigSecretKeys = opts.SecretKeys
			info.DryRun = opts.Preview
		})
	})
	return opts.Mocks, err
}
