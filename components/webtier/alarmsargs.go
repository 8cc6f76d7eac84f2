package webtier

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/fielderr"
)

// Alarms are the tier's CloudWatch alarms. The zero value is the defaults: on, without actions.
type Alarms struct {
	// Enabled creates CloudWatch alarms on target and ALB 5xx, unhealthy hosts, no healthy host
	// (when Scaling.MinSize ≥1) and p99 target response time. Default: true.
	Enabled *bool
	// TopicArn is an SNS topic notified on alarm and on recovery. Default: nil (no actions).
	TopicArn pulumi.StringInput
	// Http5xxPerMinute is the 5xx count per minute (targets, and the ALB itself) that alarms
	// after 5 minutes, ≥1. Default: 10.
	Http5xxPerMinute int
	// P99LatencySeconds is the p99 target response time that alarms after 5 minutes, >0.
	// Default: 2.
	P99LatencySeconds float64
}

func (a Alarms) withDefaults() Alarms {
	a.Enabled = orTrue(a.Enabled)
	if a.Http5xxPerMinute == 0 {
		a.Http5xxPerMinute = 10
	}
	if a.P99LatencySeconds == 0 {
		a.P99LatencySeconds = 2
	}
	return a
}

// validate checks a defaulted Alarms at path.
func (a Alarms) validate(path string, l *fielderr.List) {
	if a.Http5xxPerMinute < 1 {
		l.Addf(fielderr.Field(path, "Http5xxPerMinute"), "is %d: use 1 or more", a.Http5xxPerMinute)
	}
	if a.P99LatencySeconds <= 0 {
		l.Addf(fielderr.Field(path, "P99LatencySeconds"), "is %g: use a positive number of seconds", a.P99LatencySeconds)
	}
}
