package webtier

import (
	"strconv"
	"strings"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// HealthCheck is how the target group and the Auto Scaling group judge an instance (ELBv2
// CreateTargetGroup health-check settings, the ASG's ELB health-check grace). Every field has a
// default; the zero value is the defaults.
type HealthCheck struct {
	// Path is the health-check path, starting with "/", ≤1024 characters. Default: "/health"
	// (the default web server answers it).
	Path string
	// Matcher is the HTTP codes counted healthy, 200–499: "200", "200,204" or "200-299".
	// Default: "200".
	Matcher string
	// IntervalSeconds is 5–300. Default: 15.
	IntervalSeconds int
	// TimeoutSeconds is 2–120 and shorter than IntervalSeconds. Default: 5.
	TimeoutSeconds int
	// HealthyThreshold is consecutive successes before a target is healthy, 2–10. Default: 2.
	HealthyThreshold int
	// UnhealthyThreshold is consecutive failures before a target is unhealthy, 2–10. Default: 3.
	UnhealthyThreshold int
	// GracePeriodSeconds is how long a new instance may fail ELB health checks before the Auto
	// Scaling group replaces it, 0–86400. Default: 300.
	GracePeriodSeconds int
}

func (h HealthCheck) withDefaults() HealthCheck {
	if h.Path == "" {
		h.Path = defaultHealthCheckPath
	}
	if h.Matcher == "" {
		h.Matcher = "200"
	}
	if h.IntervalSeconds == 0 {
		h.IntervalSeconds = 15
	}
	if h.TimeoutSeconds == 0 {
		h.TimeoutSeconds = 5
	}
	if h.HealthyThreshold == 0 {
		h.HealthyThreshold = 2
	}
	if h.UnhealthyThreshold == 0 {
		h.UnhealthyThreshold = 3
	}
	if h.GracePeriodSeconds == 0 {
		h.GracePeriodSeconds = defaultHealthCheckGrace
	}
	return h
}

// validate checks the ELBv2 CreateTargetGroup limits of a defaulted HealthCheck at path.
func (h HealthCheck) validate(path string, l *fielderr.List) {
	at := func(field string) string { return fielderr.Field(path, field) }
	if !strings.HasPrefix(h.Path, "/") || len(h.Path) > MaxHealthCheckPathLength {
		l.Addf(at("Path"), "%q must start with \"/\" and be at most %d characters", h.Path, MaxHealthCheckPathLength)
	}
	if !validMatcher(h.Matcher) {
		l.Addf(at("Matcher"), "%q: use HTTP codes 200–499 as \"200\", \"200,204\" or \"200-299\"", h.Matcher)
	}
	fielderr.Range(l, at("IntervalSeconds"), h.IntervalSeconds, 5, 300, "")
	fielderr.Range(l, at("TimeoutSeconds"), h.TimeoutSeconds, 2, 120, "")
	if h.TimeoutSeconds >= h.IntervalSeconds {
		l.Addf(at("TimeoutSeconds"), "(%d) must be shorter than %s (%d)", h.TimeoutSeconds, fielderr.Ref(at("IntervalSeconds")), h.IntervalSeconds)
	}
	fielderr.Range(l, at("HealthyThreshold"), h.HealthyThreshold, 2, 10, "")
	fielderr.Range(l, at("UnhealthyThreshold"), h.UnhealthyThreshold, 2, 10, "")
	fielderr.Range(l, at("GracePeriodSeconds"), h.GracePeriodSeconds, 0, MaxHealthCheckGracePeriod, "")
}

// validMatcher accepts "200", "200,204" and "200-299" with codes 200–499 (ELBv2 Matcher.HttpCode).
func validMatcher(m string) bool {
	code := func(s string) (int, bool) {
		n, err := strconv.Atoi(s)
		return n, err == nil && n >= 200 && n <= 499
	}
	if lo, hi, ok := strings.Cut(m, "-"); ok {
		l, okL := code(lo)
		h, okH := code(hi)
		return okL && okH && l < h
	}
	for _, part := range strings.Split(m, ",") {
		if _, ok := code(part); !ok {
			return false
		}
	}
	return true
}
