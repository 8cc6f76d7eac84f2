package e2e

import (
	"fmt"

	"github.com/tenkstack/tenk/internal/plan"
)

// RolloutModelSeconds is how long `tenkctl plan`'s rollout model (internal/plan, README
// "Rollout time") says a release of s's stack takes, from the variant's config run offline in the
// project directory root: the figure each measured rollout is compared with.
func RolloutModelSeconds(s Settings, root string) (int, error) {
	entries, _ := StackConfig(s)
	cfg, err := ProgramConfig(entries)
	if err != nil {
		return 0, err
	}
	// The model reads sizes, health checks and the refresh's settings, not prices, which the
	// plan has for us-east-1 only: plan the stack there whatever region the run deploys to.
	cfg["aws:region"] = "us-east-1"
	p, err := plan.FromStack(plan.Options{Root: root, Stack: "dev", Overrides: cfg})
	if err != nil {
		return 0, fmt.Errorf("the rollout model of variant %s: %w", s.Variant, err)
	}
	if p.Release == nil {
		return 0, fmt.Errorf("the rollout model of variant %s: the plan has no release", s.Variant)
	}
	return p.Release.Rollout.Seconds, nil
}
