package dashboard_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/dashboard"
	"github.com/tenkstack/tenk/internal/testkit"
)

const dashboardType = "aws:cloudwatch/dashboard:Dashboard"

func TestNewDashboardRegistersOneDashboardFromTheResolvedInputs(t *testing.T) {
	m, d := testkit.Build(t, func(ctx *pulumi.Context) (*dashboard.Dashboard, error) {
		return dashboard.NewDashboard(ctx, "ops", &dashboard.DashboardArgs{
			DashboardName: "tenk-prod",
			Region:        "eu-west-1",
			Web: &dashboard.WebMetrics{
				LoadBalancerArnSuffix: pulumi.String("app/web/1").ToStringOutput(),
				TargetGroupArnSuffix:  pulumi.String("targetgroup/tg/2"),
				AutoScalingGroupName:  pulumi.String("web-asg"),
			},
			Database:  &dashboard.DatabaseMetrics{WriterIdentifier: pulumi.String("db"), ReplicaIdentifiers: pulumi.StringArray{pulumi.String("db-r0")}},
			Cache:     &dashboard.CacheMetrics{ClusterIDs: pulumi.ToStringArray([]string{"rg-001", "rg-002"})},
			AlarmArns: []pulumi.StringArrayInput{pulumi.ToStringArray([]string{"arn:aws:cloudwatch:eu-west-1:1:alarm:a"}), pulumi.ToStringArray([]string{"arn:aws:cloudwatch:eu-west-1:1:alarm:b"})},
		})
	})
	children := m.Children(t, dashboard.Token)
	require.Len(t, children, 1)
	board := m.One(t, dashboardType)
	assert.Equal(t, "ops-dashboard", board.Name)
	assert.Equal(t, "tenk-prod", board.Inputs["dashboardName"])

	body, _ := board.Inputs["dashboardBody"].(string)
	widgets := parse(t, body)
	var alarms []string
	for _, w := range widgets {
		alarms = append(alarms, w.Properties.Alarms...)
	}
	assert.Equal(t, []string{"arn:aws:cloudwatch:eu-west-1:1:alarm:a", "arn:aws:cloudwatch:eu-west-1:1:alarm:b"}, alarms)
	ids := map[string]bool{}
	for _, s := range allSeries(t, widgets) {
		for _, v := range s.Dims {
			ids[v] = true
		}
	}
	for _, v := range []string{"app/web/1", "targetgroup/tg/2", "web-asg", "db", "db-r0", "rg-001", "rg-002"} {
		assert.True(t, ids[v], "%s is graphed", v)
	}
	assert.Equal(t, body, testkit.Await(t, d.Body))
	assert.Equal(t, "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/tenk-prod", testkit.Await(t, d.URL))
}

func TestNewDashboardRegistersNothingWhenInvalid(t *testing.T) {
	m, err := testkit.Run(func(ctx *pulumi.Context) error {
		_, err := dashboard.NewDashboard(ctx, "ops", &dashboard.DashboardArgs{Region: "Ireland"})
		return err
	}, testkit.RunOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `dashboard "ops"`)
	assert.Contains(t, err.Error(), "Region \"Ireland\"")
	assert.Empty(t, m.Resources())
}
