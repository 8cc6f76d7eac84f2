package dashboard_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/dashboard"
	"github.com/tenkstack/tenk/internal/fielderr"
)

func TestValidate(t *testing.T) {
	ok := func() dashboard.DashboardArgs {
		return dashboard.DashboardArgs{Region: "us-east-1", Sessions: &dashboard.SessionsMetrics{TableName: pulumi.String("t")}}
	}
	for _, tc := range []struct {
		name   string
		mutate func(a *dashboard.DashboardArgs)
		comp   string
		want   string
		path   string // the field the problem is reported on ("" for the Args as a whole)
	}{
		{"valid", func(*dashboard.DashboardArgs) {}, "ops", "", ""},
		{"name with a dot", func(*dashboard.DashboardArgs) {}, "tenk.prod", `DashboardName "tenk.prod"`, "DashboardName"},
		{"explicit name too long", func(a *dashboard.DashboardArgs) { a.DashboardName = string(make([]byte, 256)) }, "ops", "1–255 characters", "DashboardName"},
		{"no region", func(a *dashboard.DashboardArgs) { a.Region = "" }, "ops", "Region \"\" is not an AWS region", "Region"},
		{"period", func(a *dashboard.DashboardArgs) { a.PeriodSeconds = 45 }, "ops", "PeriodSeconds is 45", "PeriodSeconds"},
		{"period 300", func(a *dashboard.DashboardArgs) { a.PeriodSeconds = 300 }, "ops", "", ""},
		{"web without ASG", func(a *dashboard.DashboardArgs) {
			a.Web = &dashboard.WebMetrics{LoadBalancerArnSuffix: pulumi.String("lb"), TargetGroupArnSuffix: pulumi.String("tg")}
		}, "ops", "Web.AutoScalingGroupName is required", "Web.AutoScalingGroupName"},
		{"database without writer", func(a *dashboard.DashboardArgs) { a.Database = &dashboard.DatabaseMetrics{} }, "ops", "Database.WriterIdentifier", "Database.WriterIdentifier"},
		{"cache without IDs", func(a *dashboard.DashboardArgs) { a.Cache = &dashboard.CacheMetrics{} }, "ops", "Cache.ClusterIDs", "Cache.ClusterIDs"},
		{"cdn without ID", func(a *dashboard.DashboardArgs) { a.CDN = &dashboard.CDNMetrics{} }, "ops", "CDN.DistributionID", "CDN.DistributionID"},
		{"nothing", func(a *dashboard.DashboardArgs) { a.Sessions = nil }, "ops", "nothing to show", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := ok()
			tc.mutate(&a)
			err := a.Validate(tc.comp)
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Equal(t, []string{tc.path}, fielderr.Paths(err))
		})
	}
}
