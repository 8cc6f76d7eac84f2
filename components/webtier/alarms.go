package webtier

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/alarms"
	"github.com/tenkstack/tenk/components/internal/argutil"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// rollbackAlarms are the alarms (by Suffix) that fail and roll back an instance refresh: a
// release answering 5xx, or failing its health checks.
var rollbackAlarms = []string{"target-5xx", "alb-5xx", "unhealthy-hosts"}

// tierAlarms creates the tier's alarms, before the group so that its instance refresh can name
// them. It returns their ARNs and the names of the rollback alarms (nil when Alarms is off).
func tierAlarms(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, alb *lb.LoadBalancer, tg *lb.TargetGroup, tags pulumi.StringMap, parent pulumi.ResourceOption) (pulumi.StringArrayOutput, pulumi.StringArrayInput, error) {
	if !alarms.On(a.Alarms) {
		return pulumi.StringArray{}.ToStringArrayOutput(), nil, nil
	}
	list := alarmList(a, alb, tg)
	created, err := alarms.Create(ctx, name, list, a.AlarmTopicArn, tags, parent)
	if err != nil {
		return pulumi.StringArrayOutput{}, nil, err
	}
	bySuffix := map[string]*cloudwatch.MetricAlarm{}
	for i, alarm := range created {
		bySuffix[list[i].Suffix] = alarm
	}
	names := pulumi.StringArray{}
	for _, suffix := range rollbackAlarms {
		names = append(names, bySuffix[suffix].Name)
	}
	return alarms.ARNs(created), names, nil
}

// alarmList is the tier's default alarms: 5xx from the targets and from the ALB itself, any
// unhealthy target, no healthy target at all, and p99 target response time.
func alarmList(a *MultiAZWebTierArgs, alb *lb.LoadBalancer, tg *lb.TargetGroup) []alarms.Alarm {
	byLB := pulumi.StringMap{"LoadBalancer": alb.ArnSuffix}
	byTarget := pulumi.StringMap{"LoadBalancer": alb.ArnSuffix, "TargetGroup": tg.ArnSuffix}
	threshold := float64(a.AlarmThresholds.ErrorsPerMinute)
	list := []alarms.Alarm{
		{Suffix: "target-5xx", Description: "Instances answer with 5xx errors: check the application logs on the instances.",
			Namespace: "AWS/ApplicationELB", MetricName: "HTTPCode_Target_5XX_Count", Statistic: "Sum", Dimensions: byLB, Threshold: threshold},
		{Suffix: "alb-5xx", Description: "The load balancer itself answers 5xx (no healthy target, timeouts, refused connections).",
			Namespace: "AWS/ApplicationELB", MetricName: "HTTPCode_ELB_5XX_Count", Statistic: "Sum", Dimensions: byLB, Threshold: threshold},
		{Suffix: "unhealthy-hosts", Description: "Some targets fail health checks: check the health-check path and the instances.",
			Namespace: "AWS/ApplicationELB", MetricName: "UnHealthyHostCount", Statistic: "Maximum", Dimensions: byTarget, Threshold: 0},
		{Suffix: "p99-latency", Description: "The slowest 1% of requests take too long: check instance load and downstream tiers.",
			Namespace: "AWS/ApplicationELB", MetricName: "TargetResponseTime", Percentile: "p99", Dimensions: byLB, Threshold: a.AlarmThresholds.P99LatencySeconds},
	}
	if *a.Scaling.MinSize >= 1 {
		list = append(list, alarms.Alarm{Suffix: "no-healthy-hosts", Description: "No target is healthy: the tier is down.",
			Namespace: "AWS/ApplicationELB", MetricName: "HealthyHostCount", Statistic: "Minimum", Dimensions: byTarget,
			Comparison: "LessThanThreshold", Threshold: 1, EvaluationPeriods: 2, TreatMissingData: "breaching"})
	}
	return list
}

// AlarmThresholds tune the tier's alarms. Each fires after 5 one-minute periods in breach.
type AlarmThresholds struct {
	// ErrorsPerMinute is the 5xx count per minute (from the targets, and from the ALB itself)
	// that alarms, ≥ 1. Default: 10.
	ErrorsPerMinute int
	// P99LatencySeconds is the p99 target response time that alarms, > 0. Default: 2.
	P99LatencySeconds float64
}

// withDefaults fills the unset thresholds.
func (t AlarmThresholds) withDefaults() AlarmThresholds {
	argutil.Default(&t.ErrorsPerMinute, 10)
	argutil.Default(&t.P99LatencySeconds, 2)
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
