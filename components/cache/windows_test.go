package cache

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWindowsOverlap(t *testing.T) {
	cases := []struct {
		name            string
		snapshot, maint string
		want            bool
	}{
		{"defaults are apart", "03:00-04:00", "sun:05:00-sun:06:00", false},
		{"same hour on the maintenance day", "05:00-06:00", "sun:05:00-sun:06:00", true},
		{"partial overlap", "05:30-06:30", "tue:06:00-tue:07:00", true},
		{"snapshot inside a long maintenance window", "10:00-11:00", "wed:08:00-wed:14:00", true},
		{"touching ends do not overlap", "04:00-05:00", "sun:05:00-sun:06:00", false},
		{"snapshot wraps past midnight into maintenance", "23:30-00:30", "mon:00:00-mon:01:00", true},
		{"maintenance wraps past midnight", "00:15-01:15", "tue:23:00-wed:00:30", true},
		{"maintenance wraps past Saturday night", "00:00-01:00", "sat:23:30-sun:00:30", true},
		{"daily snapshot meets a weekly window on its day only", "12:00-13:00", "fri:13:00-fri:14:00", false},
		{"day names are case-insensitive", "05:00-06:00", "Sun:05:00-Sun:06:00", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := WindowsOverlap(tc.snapshot, tc.maint)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestWindowFormats(t *testing.T) {
	cases := []struct {
		snapshot, maint, want string
	}{
		{"3:00-4:00", "sun:05:00-sun:06:00", `SnapshotWindow "3:00-4:00" is not hh24:mi-hh24:mi`},
		{"03:00", "sun:05:00-sun:06:00", `SnapshotWindow "03:00" is not hh24:mi-hh24:mi`},
		{"24:00-01:00", "sun:05:00-sun:06:00", "is not hh24:mi-hh24:mi"},
		{"03:00-03:30", "sun:05:00-sun:06:00", `SnapshotWindow "03:00-03:30" lasts 30 minutes: ElastiCache needs at least 60`},
		{"03:00-04:00", "sun:05:00-sun:05:59", `MaintenanceWindow "sun:05:00-sun:05:59" lasts 59 minutes`},
		{"03:00-04:00", "sunday:05:00-sunday:06:00", "MaintenanceWindow \"sunday:05:00-sunday:06:00\" is not ddd:hh24:mi-ddd:hh24:mi"},
		{"03:00-04:00", "05:00-06:00", "is not ddd:hh24:mi-ddd:hh24:mi"},
	}
	for _, tc := range cases {
		_, err := WindowsOverlap(tc.snapshot, tc.maint)
		require.Error(t, err, "%s / %s", tc.snapshot, tc.maint)
		assert.Contains(t, err.Error(), tc.want)
	}
}
