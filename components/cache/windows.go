package cache

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tenkstack/tenk/components/internal/fielderr"
)

const (
	minutesPerDay  = 24 * 60
	minutesPerWeek = 7 * minutesPerDay
	// minWindowMinutes is ElastiCache's shortest maintenance and snapshot window ("Snapshot window
	// must be at least 60 minutes": terraform-provider-aws #2153; CreateReplicationGroup
	// PreferredMaintenanceWindow "Minimum maintenance window is a 60 minute period").
	minWindowMinutes = 60
)

var weekdays = map[string]int{"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}

// span is a half-open interval of minutes, [start, end); end may pass the period it lives in when
// the window wraps past midnight (daily) or Saturday night (weekly).
type span struct{ start, end int }

// parseSnapshotWindow parses a daily "hh24:mi-hh24:mi" window (UTC) into minutes of the day.
func parseSnapshotWindow(s string) (span, error) {
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return span{}, fielderr.New("SnapshotWindow", "%q is not hh24:mi-hh24:mi: use a UTC range such as \"03:00-04:00\"", s)
	}
	a, errA := clock(from)
	b, errB := clock(to)
	if errA != nil || errB != nil {
		return span{}, fielderr.New("SnapshotWindow", "%q is not hh24:mi-hh24:mi: use a UTC range such as \"03:00-04:00\"", s)
	}
	if b <= a {
		b += minutesPerDay
	}
	if b-a < minWindowMinutes {
		return span{}, fielderr.New("SnapshotWindow", "%q lasts %d minutes: ElastiCache needs at least %d; widen it", s, b-a, minWindowMinutes)
	}
	return span{a, b}, nil
}

// parseMaintenanceWindow parses a weekly "ddd:hh24:mi-ddd:hh24:mi" window (UTC) into minutes of
// the week, Sunday 00:00 being 0.
func parseMaintenanceWindow(s string) (span, error) {
	bad := fielderr.New("MaintenanceWindow", "%q is not ddd:hh24:mi-ddd:hh24:mi: use a UTC range such as \"sun:05:00-sun:06:00\"", s)
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return span{}, bad
	}
	a, errA := weekMinute(from)
	b, errB := weekMinute(to)
	if errA != nil || errB != nil {
		return span{}, bad
	}
	if b <= a {
		b += minutesPerWeek
	}
	if b-a < minWindowMinutes {
		return span{}, fielderr.New("MaintenanceWindow", "%q lasts %d minutes: ElastiCache needs at least %d; widen it", s, b-a, minWindowMinutes)
	}
	return span{a, b}, nil
}

// WindowsOverlap reports whether the daily snapshot window meets the weekly maintenance window on
// any day of the week; ElastiCache rejects that ("The snapshot window and maintenance window must
// not overlap": hashicorp/terraform #17247). Both windows are validated first.
func WindowsOverlap(snapshotWindow, maintenanceWindow string) (bool, error) {
	snap, err := parseSnapshotWindow(snapshotWindow)
	if err != nil {
		return false, err
	}
	maint, err := parseMaintenanceWindow(maintenanceWindow)
	if err != nil {
		return false, err
	}
	for day := 0; day < 7; day++ {
		daily := span{day*minutesPerDay + snap.start, day*minutesPerDay + snap.end}
		// Compare on the week's circle: shifting by one week either way catches wrap-arounds.
		for _, shift := range []int{-minutesPerWeek, 0, minutesPerWeek} {
			if daily.start+shift < maint.end && maint.start < daily.end+shift {
				return true, nil
			}
		}
	}
	return false, nil
}

// clock parses "hh24:mi" into minutes after midnight.
func clock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) != 2 || len(m) != 2 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	hh, errH := strconv.Atoi(h)
	mm, errM := strconv.Atoi(m)
	if errH != nil || errM != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return hh*60 + mm, nil
}

// weekMinute parses "ddd:hh24:mi" into minutes after Sunday 00:00.
func weekMinute(s string) (int, error) {
	d, rest, ok := strings.Cut(s, ":")
	day, known := weekdays[strings.ToLower(d)]
	if !ok || !known {
		return 0, fmt.Errorf("bad day in %q", s)
	}
	m, err := clock(rest)
	if err != nil {
		return 0, err
	}
	return day*minutesPerDay + m, nil
}
