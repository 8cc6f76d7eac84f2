package database

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// The parsing itself is tested in components/internal/window; these are RDS's limits.
func TestCheckWindows(t *testing.T) {
	assert.Empty(t, checkWindows("03:00-04:00", "sun:05:00-sun:06:00"))
	assert.Empty(t, checkWindows("03:00-03:30", "sun:05:00-sun:05:30"), "RDS accepts 30-minute windows")
	for _, tc := range []struct{ backup, maintenance, path, want string }{
		{"03:00-03:20", "sun:05:00-sun:06:00", "BackupWindow", "lasts 20 minutes: RDS needs at least 30"},
		{"03:00-04:00", "mon:00:00-wed:00:00", "MaintenanceWindow", "lasts 48 hours: RDS allows at most 24"},
		{"23:30-00:30", "sun:23:00-sun:23:45", "BackupWindow", `BackupWindow "23:30-00:30" overlaps MaintenanceWindow "sun:23:00-sun:23:45"`},
	} {
		errs := checkWindows(tc.backup, tc.maintenance)
		require.Len(t, errs, 1, tc.want)
		assert.Contains(t, errs[0].Error(), tc.want)
		assert.Equal(t, []string{tc.path}, fielderr.Paths(errs[0]), tc.want)
	}
}
