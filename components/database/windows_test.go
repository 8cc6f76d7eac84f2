package database

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/internal/fielderr"
)

func TestParseWindows(t *testing.T) {
	b, err := parseBackupWindow("23:30-00:30")
	require.NoError(t, err)
	assert.Equal(t, span{23*60 + 30, 24*60 + 30}, b, "a backup window may wrap midnight")

	m, err := parseMaintenanceWindow("Sun:23:00-mon:01:00")
	require.NoError(t, err)
	assert.Equal(t, span{6*minutesPerDay + 23*60, minutesPerWeek + 60}, m, "a maintenance window may wrap the week")

	for _, bad := range []string{"3:00-4:00", "03:00-03:20", "24:00-01:00", "03:00"} {
		_, err := parseBackupWindow(bad)
		assert.Error(t, err, bad)
	}
	for _, bad := range []string{"sun:05:00", "sun:05:00-sun:05:10", "xyz:05:00-sun:06:00", "mon:00:00-wed:00:00"} {
		_, err := parseMaintenanceWindow(bad)
		assert.Error(t, err, bad)
	}
}

func TestWindowsOverlap(t *testing.T) {
	cases := []struct {
		backup, maintenance string
		overlap             bool
	}{
		{"03:00-04:00", "sun:05:00-sun:06:00", false},
		{"03:00-04:00", "sun:04:00-sun:05:00", false}, // touching is fine
		{"03:00-04:00", "wed:03:30-wed:04:30", true},
		{"23:30-00:30", "mon:00:00-mon:01:00", true},  // backup wraps midnight into Monday
		{"23:30-00:30", "sun:23:00-sun:23:45", true},  // the same window on Sunday
		{"00:00-00:30", "sun:23:45-mon:00:15", true},  // maintenance wraps the week
		{"12:00-13:00", "sat:22:00-sun:02:00", false}, // overnight, no clash
	}
	for _, tc := range cases {
		t.Run(tc.backup+" "+tc.maintenance, func(t *testing.T) {
			var l fielderr.List
			checkWindows(tc.backup, tc.maintenance, &l)
			if tc.overlap {
				require.Len(t, l, 1)
				assert.Equal(t, "BackupWindow", l[0].Path)
				assert.Contains(t, l[0].Error(), "overlaps MaintenanceWindow")
			} else {
				assert.Empty(t, l)
			}
		})
	}
}
