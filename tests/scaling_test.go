package tests_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScalingKnobsKeepEveryResource runs prod with a scaling knob at its baseline and changed, and
// requires every URN of the first run in the second: scaling must add resources, never rename or
// re-parent (replace) one.
func TestScalingKnobsKeepEveryResource(t *testing.T) {
	for _, knob := range []struct {
		name      string
		overrides map[string]string
	}{
		{"read replicas 2 → 3", map[string]string{"tenk:database": `{"readReplicas": 3}`}},
		{"database instance class", map[string]string{"tenk:database": `{"instanceClass": "db.r7g.xlarge"}`}},
		{"ASG sizes", map[string]string{"tenk:web": `{"minSize": 4, "maxSize": 20, "desiredCapacity": 6}`}},
		{"web instance type", map[string]string{"tenk:web": `{"instanceType": "c7g.xlarge"}`}},
		{"cache nodes 3 → 4", map[string]string{"tenk:cache": `{"nodeCount": 4}`}},
		{"cache node type", map[string]string{"tenk:cache": `{"nodeType": "cache.r7g.xlarge"}`}},
	} {
		t.Run(knob.name, func(t *testing.T) {
			before := runStack(t, "prod", nil).URNs()
			after := runStack(t, "prod", knob.overrides).URNs()
			require.NotEmpty(t, before)
			have := map[string]bool{}
			for _, u := range after {
				have[u] = true
			}
			for _, u := range before {
				assert.True(t, have[u], "%s disappeared (renamed, re-parented or deleted)", u)
			}
		})
	}
}
