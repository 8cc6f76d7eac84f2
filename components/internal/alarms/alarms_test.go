package alarms_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/internal/alarms"
	"github.com/tenkstack/tenk/internal/testkit"
)

func create(t *testing.T, topic pulumi.StringInput, list ...alarms.Alarm) *testkit.Mocks {
	t.Helper()
	return testkit.MustRun(t, func(ctx *pulumi.Context) error {
		_, err := alarms.Create(ctx, "db", list, topic, pulumi.StringMap{"team": pulumi.String("web")})
		return err
	}, testkit.RunOptions{})
}

func TestDefaultsAndTopic(t *testing.T) {
	m := create(t, pulumi.String("arn:aws:sns:us-east-1:123456789012:ops"), alarms.Alarm{
		Suffix: "cpu", Description: "CPU high", Namespace: "AWS/RDS", MetricName: "CPUUtilization",
		Dimensions: pulumi.StringMap{"DBInstanceIdentifier": pulumi.String("db-1")}, Threshold: 80,
	})
	list := m.ByType("aws:cloudwatch/metricAlarm:MetricAlarm")
	require.Len(t, list, 1)
	a := list[0]
	assert.Equal(t, "db-alarm-cpu", a.Name)
	assert.Equal(t, "GreaterThanThreshold", a.String("comparisonOperator"))
	assert.Equal(t, "Average", a.String("statistic"))
	assert.False(t, a.Has("extendedStatistic"))
	assert.Equal(t, float64(60), a.Number("period"))
	assert.Equal(t, float64(5), a.Number("evaluationPeriods"))
	assert.Equal(t, "notBreaching", a.String("treatMissingData"))
	assert.Equal(t, float64(80), a.Number("threshold"))
	assert.Equal(t, "db-1", a.String("dimensions.DBInstanceIdentifier"))
	assert.Equal(t, []string{"arn:aws:sns:us-east-1:123456789012:ops"}, a.Strings("alarmActions"))
	assert.Equal(t, []string{"arn:aws:sns:us-east-1:123456789012:ops"}, a.Strings("okActions"))
	assert.Equal(t, "web", a.String("tags.team"))
}

func TestPercentileAndNoTopic(t *testing.T) {
	m := create(t, nil, alarms.Alarm{
		Suffix: "p99", Namespace: "AWS/ApplicationELB", MetricName: "TargetResponseTime",
		Percentile: "p99", Comparison: "GreaterThanOrEqualToThreshold", Threshold: 1.5,
		PeriodSeconds: 300, EvaluationPeriods: 3, TreatMissingData: "missing",
	})
	a := m.ByType("aws:cloudwatch/metricAlarm:MetricAlarm")[0]
	assert.Equal(t, "p99", a.String("extendedStatistic"))
	assert.False(t, a.Has("statistic"), "statistic and extendedStatistic are exclusive")
	assert.Equal(t, "GreaterThanOrEqualToThreshold", a.String("comparisonOperator"))
	assert.Equal(t, float64(300), a.Number("period"))
	assert.Equal(t, float64(3), a.Number("evaluationPeriods"))
	assert.Equal(t, "missing", a.String("treatMissingData"))
	assert.Empty(t, a.Strings("alarmActions"), "no topic, no actions")
}
