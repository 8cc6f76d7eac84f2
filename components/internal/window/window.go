// Package window parses the UTC windows RDS and ElastiCache take, a daily "hh24:mi-hh24:mi"
// (backup, snapshot) and a weekly "ddd:hh24:mi-ddd:hh24:mi" (maintenance), and checks that they
// do not overlap, which both services reject. Each service passes its own Rules.
//
// The week is a circle: which day counts as its first changes no answer. The RDS API reference
// lists the days "mon | tue | wed | thu | fri | sat | sun" (CreateDBInstance
// PreferredMaintenanceWindow), ElastiCache's "sun, mon, tue, wed, thu, fri, sat"
// (CreateReplicationGroup PreferredMaintenanceWindow); minute 0 here is Monday 00:00 (ISO 8601),
// and windows that wrap midnight or the end of the week are compared on the circle.
package window

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/tenkstack/tenk/internal/fielderr"
)

const (
	minutesPerDay  = 24 * 60
	minutesPerWeek = 7 * minutesPerDay
)

var (
	dailyRE  = regexp.MustCompile(`^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$`)
	weeklyRE = regexp.MustCompile(`^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)$`)
	days     = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
)

// The default windows of the database and the cache: a daily backup or snapshot hour, and a
// weekly maintenance hour an hour later on Sunday morning (UTC), so the two never overlap.
const (
	DefaultDaily  = "03:00-04:00"
	DefaultWeekly = "sun:05:00-sun:06:00"
)

// Rules are one service's limits on its windows.
type Rules struct {
	// Service names the service in errors: "RDS", "ElastiCache".
	Service string
	// MinMinutes is the shortest window the service accepts (RDS 30, ElastiCache 60).
	MinMinutes int
	// MaxWeeklyMinutes is the longest weekly window accepted; 0 for no limit.
	MaxWeeklyMinutes int
}

// Span is a half-open interval of minutes [Start, End): minutes of the day for a daily window,
// of the week (Monday 00:00 = 0) for a weekly one. End passes the period when the window wraps.
type Span struct{ Start, End int }

// Daily parses a daily "hh24:mi-hh24:mi" window; field names it in errors ("BackupWindow").
func (r Rules) Daily(field, s string) (Span, error) {
	m := dailyRE.FindStringSubmatch(s)
	if m == nil {
		return Span{}, fielderr.New(field, "%q is not hh24:mi-hh24:mi in UTC: use one such as \"03:00-04:00\"", s)
	}
	return r.span(field, s, clock(m[1], m[2]), clock(m[3], m[4]), minutesPerDay)
}

// Weekly parses a weekly "ddd:hh24:mi-ddd:hh24:mi" window, day names in any case; field names it
// in errors ("MaintenanceWindow").
func (r Rules) Weekly(field, s string) (Span, error) {
	m := weeklyRE.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return Span{}, fielderr.New(field, "%q is not ddd:hh24:mi-ddd:hh24:mi in UTC: use one such as \"sun:05:00-sun:06:00\"", s)
	}
	start := day(m[1])*minutesPerDay + clock(m[2], m[3])
	end := day(m[4])*minutesPerDay + clock(m[5], m[6])
	return r.span(field, s, start, end, minutesPerWeek)
}

// span checks a window's length; an end at or before the start wraps into the next period.
func (r Rules) span(field, s string, start, end, period int) (Span, error) {
	if end <= start {
		end += period
	}
	if end-start < r.MinMinutes {
		return Span{}, fielderr.New(field, "%q lasts %d minutes: %s needs at least %d; widen it", s, end-start, r.Service, r.MinMinutes)
	}
	if period == minutesPerWeek && r.MaxWeeklyMinutes > 0 && end-start > r.MaxWeeklyMinutes {
		return Span{}, fielderr.New(field, "%q lasts %d hours: %s allows at most %d; shorten it", s, (end-start)/60, r.Service, r.MaxWeeklyMinutes/60)
	}
	return Span{start, end}, nil
}

// Overlap reports whether a daily window meets a weekly one on any day of the week, on the
// week's circle (wrapping midnight and the end of the week). Touching ends do not overlap.
func Overlap(daily, weekly Span) bool {
	for d := 0; d < 7; d++ {
		for _, shift := range []int{-minutesPerWeek, 0, minutesPerWeek} {
			start, end := daily.Start+d*minutesPerDay+shift, daily.End+d*minutesPerDay+shift
			if start < weekly.End && weekly.Start < end {
				return true
			}
		}
	}
	return false
}

// Errors are fielderr field errors at the field named by the caller.

// Check parses both windows and reports each malformed one, or their overlap: what the service
// would reject ("Must not conflict with the preferred maintenance window").
func (r Rules) Check(dailyField, daily, weeklyField, weekly string) []error {
	d, errD := r.Daily(dailyField, daily)
	w, errW := r.Weekly(weeklyField, weekly)
	var errs []error
	for _, err := range []error{errD, errW} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if errs == nil && Overlap(d, w) {
		errs = append(errs, fielderr.New(dailyField, "%q overlaps %s %q: %s rejects overlapping windows; move one of them", daily, fielderr.Ref(weeklyField), weekly, r.Service))
	}
	return errs
}

func clock(h, m string) int {
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	return hh*60 + mm
}

func day(d string) int {
	for i, name := range days {
		if name == d {
			return i
		}
	}
	panic("window: unknown day " + d) // unreachable: the pattern admits only known days
}
