package dashboard_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/dashboard"
)

// A dashboard for a session table and its alarms, next to components built elsewhere in the
// program: pass each tier's outputs (here plain values) and each component's AlarmArns.
func ExampleNewDashboard() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		board, err := dashboard.NewDashboard(ctx, "shop-ops", &dashboard.DashboardArgs{
			Region:   "us-east-1",
			Sessions: &dashboard.SessionsMetrics{TableName: pulumi.String("shop-sessions")},
			AlarmArns: []pulumi.StringArrayInput{
				pulumi.ToStringArray([]string{"arn:aws:cloudwatch:us-east-1:123456789012:alarm:shop-sessions-read-throttles"}),
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("dashboardUrl", board.URL)
		return nil
	})
}
