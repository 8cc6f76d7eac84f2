package database

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/tenkstack/tenk/components/internal/fielderr"
)

// Windows are UTC. CreateDBInstance (PreferredBackupWindow, PreferredMaintenanceWindow): the
// backup window is "hh24:mi-hh24:mi", the maintenance window "ddd:hh24:mi-ddd:hh24:mi", each at
// least 30 minutes, and the two must not overlap.

const (
	minutesPerDay  = 24 * 60
	minutesPerWeek = 7 * minutesPerDay
	minWindow      = 30
)

var (
	backupWindowRE      = regexp.MustCompile(`^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$`)
	maintenanceWindowRE = regexp.MustCompile(`^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)$`)
	weekdays            = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
)

// span is a half-open interval of minutes [start, end); end may pass the period, meaning it wraps.
type span struct{ start, end int }

// parseBackupWindow reads "hh24:mi-hh24:mi" into minutes of the day; the window may wrap midnight.
func parseBackupWindow(w string) (span, error) {
	m := backupWindowRE.FindStringSubmatch(w)
	if m == nil {
		return span{}, fielderr.New("BackupWindow", "%q is not \"hh24:mi-hh24:mi\" in UTC: use one such as \"03:00-04:00\"", w)
	}
	start, end := hm(m[1], m[2]), hm(m[3], m[4])
	if end <= start {
		end += minutesPerDay
	}
	if end-start < minWindow {
		return span{}, fielderr.New("BackupWindow", "%q lasts %d minutes: RDS needs at least %d", w, end-start, minWindow)
	}
	return span{start, end}, nil
}

// parseMaintenanceWindow reads "ddd:hh24:mi-ddd:hh24:mi" into minutes of the week (Monday 00:00 = 0).
func parseMaintenanceWindow(w string) (span, error) {
	m := maintenanceWindowRE.FindStringSubmatch(strings.ToLower(w))
	if m == nil {
		return span{}, fielderr.New("MaintenanceWindow", "%q is not \"ddd:hh24:mi-ddd:hh24:mi\" in UTC: use one such as \"sun:05:00-sun:06:00\"", w)
	}
	start := day(m[1])*minutesPerDay + hm(m[2], m[3])
	end := day(m[4])*minutesPerDay + hm(m[5], m[6])
	if end <= start {
		end += minutesPerWeek
	}
	if end-start < minWindow {
		return span{}, fielderr.New("MaintenanceWindow", "%q lasts %d minutes: RDS needs at least %d", w, end-start, minWindow)
	}
	if end-start > minutesPerDay {
		return span{}, fielderr.New("MaintenanceWindow", "%q lasts %d hours: RDS allows at most 24", w, (end-start)/60)
	}
	return span{start, end}, nil
}

// windowsOverlap reports whether a daily backup window meets a weekly maintenance window on any
// day of the week, wrapping around midnight and the end of the week.
func windowsOverlap(backup, maintenance span) bool {
	for d := -1; d <= 7; d++ {
		b := span{backup.start + d*minutesPerDay, backup.end + d*minutesPerDay}
		for _, shift := range []int{-minutesPerWeek, 0, minutesPerWeek} {
			m := span{maintenance.start + shift, maintenance.end + shift}
			if b.start < m.end && m.start < b.end {
				return true
			}
		}
	}
	return false
}

// checkWindows records problems with either window and an overlap of the two in l.
func checkWindows(backup, maintenance string, l *fielderr.List) {
	b, errB := parseBackupWindow(backup)
	m, errM := parseMaintenanceWindow(maintenance)
	l.Append(errB)
	l.Append(errM)
	if errB == nil && errM == nil && windowsOverlap(b, m) {
		// CreateDBInstance PreferredBackupWindow: "Must not conflict with the preferred maintenance window."
		l.Addf("BackupWindow", "%q overlaps %s %q: RDS rejects overlapping windows; move one of them", backup, fielderr.Ref("MaintenanceWindow"), maintenance)
	}
}

func hm(h, m string) int {
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	return hh*60 + mm
}

func day(d string) int {
	for i, w := range weekdays {
		if w == d {
			return i
		}
	}
	return 0
}
