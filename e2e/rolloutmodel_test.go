package e2e_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
	"github.com/tenkstack/tenk/internal/plan"
)

// The rollout variant's measured refresh is compared with the plan's model of the same config:
// RolloutModelSeconds is that model, the figure `tenkctl plan` prints for the variant's stack.
func TestRolloutModelSecondsIsThePlansModel(t *testing.T) {
	s := settingsFor(e2e.VariantRollout)
	got, err := e2e.RolloutModelSeconds(s, "..")
	require.NoError(t, err)

	entries, _ := e2e.StackConfig(s)
	cfg, err := e2e.ProgramConfig(entries)
	require.NoError(t, err)
	cfg["aws:region"] = "us-east-1"
	p, err := plan.FromStack(plan.Options{Root: "..", Stack: "dev", Overrides: cfg})
	require.NoError(t, err)
	require.NotNil(t, p.Release)
	assert.Equal(t, p.Release.Rollout.Seconds, got)
	assert.Greater(t, got, 0, "the variant's image build has a rollout to model")
}
