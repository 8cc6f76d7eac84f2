package window

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	rds         = Rules{Service: "RDS", MinMinutes: 30, MaxWeeklyMinutes: 24 * 60}
	elasticache = Rules{Service: "ElastiCache", MinMinutes: 60}
)

func TestParse(t *testing.T) {
	d, err := rds.Daily("BackupWindow", "23:30-00:30")
	require.NoError(t, err)
	assert.Equal(t, Span{23*60 + 30, 24*60 + 30}, d, "a daily window may wrap midnight")

	w, err := rds.Weekly("MaintenanceWindow", "Sun:23:00-mon:01:00")
	require.NoError(t, err)
	assert.Equal(t, Span{6*minutesPerDay + 23*60, minutesPerWeek + 60}, w, "a weekly window may wrap the week")

	w, err = elasticache.Weekly("MaintenanceWindow", "sat:23:30-sun:00:30")
	require.NoError(t, err)
	assert.Equal(t, Span{5*minutesPerDay + 23*60 + 30, 6*minutesPerDay + 30}, w)
}

func TestErrors(t *testing.T) {
	cases := []struct {
		rules       Rules
		daily, week string
		want        string
	}{
		{rds, "3am", "sun:05:00-sun:06:00", `BackupWindow "3am" is not hh24:mi-hh24:mi in UTC`},
		{rds, "3:00-4:00", "sun:05:00-sun:06:00", "is not hh24:mi-hh24:mi"},
		{rds, "24:00-01:00", "sun:05:00-sun:06:00", "is not hh24:mi-hh24:mi"},
		{rds, "03:00-03:20", "sun:05:00-sun:06:00", `BackupWindow "03:00-03:20" lasts 20 minutes: RDS needs at least 30`},
		{rds, "03:00-04:00", "sun:05:00-sun:05:10", "lasts 10 minutes: RDS needs at least 30"},
		{rds, "03:00-04:00", "mon:00:00-wed:00:00", "lasts 48 hours: RDS allows at most 24"},
		{rds, "03:00-04:00", "xyz:05:00-sun:06:00", "is not ddd:hh24:mi-ddd:hh24:mi"},
		{rds, "03:00-04:00", "sunday:05:00-sunday:06:00", `MaintenanceWindow "sunday:05:00-sunday:06:00" is not ddd:hh24:mi-ddd:hh24:mi`},
		{elasticache, "03:00-03:30", "sun:05:00-sun:06:00", `BackupWindow "03:00-03:30" lasts 30 minutes: ElastiCache needs at least 60`},
		{elasticache, "03:00-04:00", "sun:05:00-sun:05:59", "lasts 59 minutes: ElastiCache needs at least 60"},
		{rds, "05:30-06:30", "sun:05:00-sun:06:00", `BackupWindow "05:30-06:30" overlaps MaintenanceWindow "sun:05:00-sun:06:00": RDS rejects`},
	}
	for _, tc := range cases {
		t.Run(tc.daily+" "+tc.week, func(t *testing.T) {
			errs := tc.rules.Check("BackupWindow", tc.daily, "MaintenanceWindow", tc.week)
			require.Len(t, errs, 1)
			assert.Contains(t, errs[0].Error(), tc.want)
		})
	}
	_, err := elasticache.Weekly("MaintenanceWindow", "mon:00:00-wed:00:00")
	assert.NoError(t, err, "ElastiCache sets no upper limit")
}

func TestOverlap(t *testing.T) {
	cases := []struct {
		daily, weekly string
		want          bool
	}{
		{"03:00-04:00", "sun:05:00-sun:06:00", false},
		{"05:00-06:00", "sun:05:00-sun:06:00", true},
		{"03:00-04:00", "sun:04:00-sun:05:00", false}, // touching is fine
		{"04:00-05:00", "sun:05:00-sun:06:00", false},
		{"10:00-11:00", "wed:08:00-wed:14:00", true}, // inside a long window
		{"23:30-00:30", "mon:00:00-mon:01:00", true}, // daily wraps midnight into Monday
		{"23:30-00:30", "sun:23:00-sun:23:45", true},
		{"00:00-00:30", "sun:23:45-mon:00:15", true},  // weekly wraps Sunday night
		{"00:00-01:00", "sat:23:30-sun:00:30", true},  // weekly wraps Saturday night
		{"12:00-13:00", "sat:22:00-sun:02:00", false}, // overnight, no clash
		{"00:15-01:15", "tue:23:00-wed:00:30", true},
		{"12:00-13:00", "fri:13:00-fri:14:00", false},
		{"05:00-06:00", "Sun:05:00-SUN:06:00", true}, // day names in any case
	}
	for _, tc := range cases {
		t.Run(tc.daily+" "+tc.weekly, func(t *testing.T) {
			d, err := rds.Daily("BackupWindow", tc.daily)
			require.NoError(t, err)
			w, err := rds.Weekly("MaintenanceWindow", tc.weekly)
			require.NoError(t, err)
			assert.Equal(t, tc.want, Overlap(d, w))
		})
	}
}

// TestTheFirstDayOfTheWeekChangesNothing renames every day of a weekly window k days on (mon →
// tue, …, sun → mon) and moves the daily window with it: the answer must not depend on which day
// the week starts, which RDS (Monday first) and ElastiCache (Sunday first) list differently.
func TestTheFirstDayOfTheWeekChangesNothing(t *testing.T) {
	next := func(d string, k int) string { return days[(slices.Index(days, d)+k)%7] }
	rename := func(w string, k int) string {
		from, to, _ := strings.Cut(w, "-")
		return next(from[:3], k) + from[3:] + "-" + next(to[:3], k) + to[3:]
	}
	for _, weekly := range []string{"sun:23:00-mon:01:00", "sat:23:30-sun:00:30", "mon:00:00-mon:01:00", "wed:22:00-thu:03:00"} {
		for h := 0; h < 24; h++ {
			daily := fmt.Sprintf("%02d:00-%02d:00", h, (h+1)%24)
			d, err := elasticache.Daily("SnapshotWindow", daily)
			require.NoError(t, err)
			w0, err := elasticache.Weekly("MaintenanceWindow", weekly)
			require.NoError(t, err)
			for k := 1; k < 7; k++ {
				wk, err := elasticache.Weekly("MaintenanceWindow", rename(weekly, k))
				require.NoError(t, err)
				assert.Equal(t, Overlap(d, w0), Overlap(d, wk), "%s vs %s (%s)", weekly, rename(weekly, k), daily)
			}
		}
	}
}

func TestTheDefaultsAreApart(t *testing.T) {
	for _, r := range []Rules{rds, elasticache} {
		assert.Empty(t, r.Check("BackupWindow", DefaultDaily, "MaintenanceWindow", DefaultWeekly), r.Service)
	}
}
