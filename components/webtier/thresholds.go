package webtier

// AlarmThresholds tune the tier's alarms. Each fires after 5 one-minute periods in breach.
type AlarmThresholds struct {
	// ErrorsPerMinute is the 5xx count per minute (from the targets, and from the ALB itself)
	// that alarms, ≥ 1. Default: 10.
	ErrorsPerMinute int
	// P99LatencySeconds is the p99 target response time that alarms, > 0. Default: 2.
	P99LatencySeconds float64
}
