package cache

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPlacement(t *testing.T) {
	abc := []string{"a", "b", "c"}
	cases := []struct {
		name string
		azs  []string
		n    int
		want []string
	}{
		{"one node", abc, 1, []string{"a"}},
		{"two nodes, three AZs", abc, 2, []string{"a", "b"}},
		{"one per AZ", abc, 3, []string{"a", "b", "c"}},
		{"round-robin past the AZ count", abc, 6, []string{"a", "b", "c", "a", "b", "c"}},
		{"three nodes, two AZs", []string{"a", "b"}, 3, []string{"a", "b", "a"}},
		{"no AZs", nil, 3, nil},
		{"no nodes", abc, 0, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, placement(tc.azs, tc.n))
		})
	}
}

func TestPlacementGrowsByAppending(t *testing.T) {
	azs := []string{"a", "b", "c"}
	for n := 1; n < 10; n++ {
		assert.Equal(t, placement(azs, n), placement(azs, n+1)[:n], "adding node %d must not move nodes 1–%d", n+1, n)
	}
}
