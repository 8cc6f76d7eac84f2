package cache

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The parsing itself is tested in components/internal/window; these are ElastiCache's limits.
func TestWindowRules(t *testing.T) {
	assert.Empty(t, windowRules.Check("SnapshotWindow", "03:00-04:00", "MaintenanceWindow", "sun:05:00-sun:06:00"))
	for _, tc := range []struct{ snapshot, maintenance, want string }{
		{"03:00-03:30", "sun:05:00-sun:06:00", `SnapshotWindow "03:00-03:30" lasts 30 minutes: ElastiCache needs at least 60`},
		{"03:00-04:00", "sun:05:00-sun:05:59", `MaintenanceWindow "sun:05:00-sun:05:59" lasts 59 minutes`},
		{"05:00-06:00", "Sun:05:00-Sun:06:00", `SnapshotWindow "05:00-06:00" overlaps MaintenanceWindow "Sun:05:00-Sun:06:00": ElastiCache rejects`},
	} {
		errs := windowRules.Check("SnapshotWindow", tc.snapshot, "MaintenanceWindow", tc.maintenance)
		require.Len(t, errs, 1, tc.want)
		assert.Contains(t, errs[0].Error(), tc.want)
	}
}
