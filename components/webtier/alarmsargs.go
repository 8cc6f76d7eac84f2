package webtier

import "github.com/tenkstack/tenk/internal/fielderr"

func (t AlarmThresholds) withDefaults() AlarmThresholds {
	if t.ErrorsPerMinute == 0 {
		t.ErrorsPerMinute = 10
	}
	if t.P99LatencySeconds == 0 {
		t.P99LatencySeconds = 2
	}
	return t
}

// validate checks defaulted thresholds at path.
func (t AlarmThresholds) validate(path string, l *fielderr.List) {
	if t.ErrorsPerMinute < 1 {
		l.Addf(fielderr.Field(path, "ErrorsPerMinute"), "is %d: use 1 or more", t.ErrorsPerMinute)
	}
	if t.P99LatencySeconds <= 0 {
		l.Addf(fielderr.Field(path, "P99LatencySeconds"), "is %g: use a positive number of seconds", t.P99LatencySeconds)
	}
}
