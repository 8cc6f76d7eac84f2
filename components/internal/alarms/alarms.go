// Package alarms creates the CloudWatch alarms tenk components ship by default.
package alarms

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Alarm describes one CloudWatch metric alarm.
type Alarm struct {
	// Suffix names the alarm resource: "<component>-alarm-<Suffix>". It must never change.
	Suffix string
	// Description says what broke and what to look at.
	Description string
	Namespace   string
	MetricName  string
	// Statistic is "Average", "Sum", "Maximum", …; leave empty when Percentile is set.
	Statistic string
	// Percentile is an extended statistic such as "p99". Default: none.
	Percentile string
	Dimensions pulumi.StringMap
	// Comparison is a CloudWatch ComparisonOperator. Default: GreaterThanThreshold.
	Comparison string
	Threshold  float64
	// PeriodSeconds is the metric period. Default: 60.
	PeriodSeconds int
	// EvaluationPeriods is how many periods must breach. Default: 5.
	EvaluationPeriods int
	// TreatMissingData is "missing", "notBreaching", "breaching" or "ignore". Default: notBreaching.
	TreatMissingData string
}

// Create registers one cloudwatch.MetricAlarm per alarm, notifying topicArn on alarm and on
// recovery when it is set.
func Create(ctx *pulumi.Context, name string, list []Alarm, topicArn pulumi.StringInput, tags pulumi.StringMapInput, opts ...pulumi.ResourceOption) ([]*cloudwatch.MetricAlarm, error) {
	var actions pulumi.Array
	if topicArn != nil {
		actions = pulumi.Array{topicArn}
	}
	out := make([]*cloudwatch.MetricAlarm, 0, len(list))
	for _, a := range list {
		args := &cloudwatch.MetricAlarmArgs{
			AlarmDescription:   pulumi.String(a.Description),
			Namespace:          pulumi.String(a.Namespace),
			MetricName:         pulumi.String(a.MetricName),
			Dimensions:         a.Dimensions,
			ComparisonOperator: pulumi.String(or(a.Comparison, "GreaterThanThreshold")),
			Threshold:          pulumi.Float64(a.Threshold),
			Period:             pulumi.Int(orInt(a.PeriodSeconds, 60)),
			EvaluationPeriods:  pulumi.Int(orInt(a.EvaluationPeriods, 5)),
			TreatMissingData:   pulumi.String(or(a.TreatMissingData, "notBreaching")),
			AlarmActions:       actions,
			OkActions:          actions,
			Tags:               tags,
		}
		if a.Percentile != "" {
			args.ExtendedStatistic = pulumi.String(a.Percentile)
		} else {
			args.Statistic = pulumi.String(or(a.Statistic, "Average"))
		}
		alarm, err := cloudwatch.NewMetricAlarm(ctx, name+"-alarm-"+a.Suffix, args, opts...)
		if err != nil {
			return nil, err
		}
		out = append(out, alarm)
	}
	return out, nil
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func orInt(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// On reads a component's Alarms switch, the one shape every component's alarm settings take
// (Alarms *bool, AlarmThresholds, AlarmTopicArn): nil is the default, on.
func On(alarms *bool) bool { return alarms == nil || *alarms }
