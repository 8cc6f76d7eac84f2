package dashboard_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/dashboard"
	"github.com/tenkstack/tenk/components/internal/conformance"
)

// TestConformance: the component rules of package conformance, with dashboard's import budget.
func TestConformance(t *testing.T) {
	conformance.Check(t, conformance.Component{
		Token: dashboard.Token,
		New: func(ctx *pulumi.Context, name string, _ int, opts ...pulumi.ResourceOption) error {
			_, err := dashboard.NewDashboard(ctx, name, &dashboard.DashboardArgs{Region: "us-east-1", Web: &dashboard.WebMetrics{
				LoadBalancerArnSuffix: pulumi.String("app/web/1").ToStringOutput(),
				TargetGroupArnSuffix:  pulumi.String("targetgroup/tg/2"),
				AutoScalingGroupName:  pulumi.String("web-asg"),
			}}, opts...)
			return err
		},
		Budget:  conformance.Budget{AWS: []string{"cloudwatch"}},
		Outputs: &dashboard.Dashboard{},
	})
}
