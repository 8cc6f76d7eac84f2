package appconfig_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/appconfig"
	"github.com/tenkstack/tenk/components/internal/conformance"
)

// TestConformance: the component rules of package conformance, with appconfig's import budget.
func TestConformance(t *testing.T) {
	conformance.Check(t, conformance.Component{
		Token: appconfig.Token,
		New: func(ctx *pulumi.Context, name string, _ int, opts ...pulumi.ResourceOption) error {
			_, err := appconfig.NewAppConfig(ctx, name, &appconfig.AppConfigArgs{
				Prefix:   "/tenk/test/",
				Settings: map[string]pulumi.StringInput{"dbHost": pulumi.String("db.internal")},
				Roles:    []pulumi.StringInput{pulumi.String("web-role")},
			}, opts...)
			return err
		},
		Budget:  conformance.Budget{AWS: []string{"iam", "ssm"}},
		Outputs: &appconfig.AppConfig{},
	})
}
