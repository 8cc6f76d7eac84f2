package tests_test

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/offline/monitor"
	"github.com/tenkstack/tenk/internal/testkit"
)

// registration is what a second `pulumi up` compares for one resource: its inputs (secrets
// unwrapped, unknowns marked, so a value that is only sometimes known counts too) and the options
// that change how the engine treats it.
type registration struct {
	Inputs         map[string]any
	Parent         string
	Provider       string
	Dependencies   []string
	Protect        bool
	RetainOnDelete bool
	IgnoreChanges  []string
}

// registrations keys every registered resource of one run by URN.
func registrations(t *testing.T, m *testkit.Mocks) map[string]registration {
	t.Helper()
	out := map[string]registration{}
	for _, r := range m.Resources() {
		require.NotContains(t, out, r.URN, "two registrations share a URN")
		deps := append([]string(nil), r.Dependencies...)
		sort.Strings(deps) // the engine records dependencies as a set
		out[r.URN] = registration{
			Inputs:         monitor.PlainWith(r.Raw, monitor.Markers{Unknown: "<unknown>"}),
			Parent:         r.Parent,
			Provider:       r.Provider,
			Dependencies:   deps,
			Protect:        r.Protect,
			RetainOnDelete: r.RetainOnDelete,
			IgnoreChanges:  r.IgnoreChanges,
		}
	}
	return out
}

// TestSecondRunChangesNothing is the "second `pulumi up` is a no-op" rule: running a stack again
// with the same config registers the same resources with identical inputs, so no input comes from
// the clock, from randomness outside pulumi-random, or from Go's randomised map order. Go
// randomises map iteration on every range, so a leak shows up within a few runs; the test runs
// each stack several times and compares every run with the first.
func TestSecondRunChangesNothing(t *testing.T) {
	const runs = 4
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			first := registrations(t, runStack(t, stack, nil))
			require.NotEmpty(t, first)
			for run := 2; run <= runs; run++ {
				again := registrations(t, runStack(t, stack, nil))
				assert.ElementsMatch(t, keysOf(first), keysOf(again), "run %d registered other resources", run)
				for urn, want := range first {
					got, ok := again[urn]
					if !ok {
						continue
					}
					assert.Equal(t, want, got, "run %d changed %s", run, urn)
				}
			}
		})
	}
}

func keysOf(m map[string]registration) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestDeterminismCheckSeesMapOrder proves the comparison above can fail: two registrations that
// differ only in the order of a list are reported as different.
func TestDeterminismCheckSeesMapOrder(t *testing.T) {
	a := registration{Inputs: map[string]any{"policy": []any{"s3:GetObject", "s3:PutObject"}}}
	b := registration{Inputs: map[string]any{"policy": []any{"s3:PutObject", "s3:GetObject"}}}
	assert.False(t, assert.ObjectsAreEqual(a, b))
	assert.True(t, assert.ObjectsAreEqual(a, registration{Inputs: map[string]any{"policy": []any{"s3:GetObject", "s3:PutObject"}}}))
}
