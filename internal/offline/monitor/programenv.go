package monitor

import (
	"encoding/json"
	"os"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// envMu serialises runs while the process environment carries one run's config.
var envMu sync.Mutex

// withProgramEnv runs fn with the config in pulumi.EnvConfig (PULUMI_CONFIG), as the Pulumi CLI
// starts a Go program: the program can then list its keys (stacks.LoadConfig does, to reject
// misspelled ones), not only look them up. The previous value is restored afterwards.
func withProgramEnv(cfg map[string]string, fn func() error) error {
	envMu.Lock()
	defer envMu.Unlock()
	b, err := json.Marshal(cfg)
	if err != nil {
		return err
	}
	old, had := os.LookupEnv(pulumi.EnvConfig)
	if err := os.Setenv(pulumi.EnvConfig, string(b)); err != nil {
		return err
	}
	defer func() {
		if had {
			_ = os.Setenv(pulumi.EnvConfig, old)
		} else {
			_ = os.Unsetenv(pulumi.EnvConfig)
		}
	}()
	return fn()
}
