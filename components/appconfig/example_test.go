package appconfig_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/appconfig"
)

// Settings an application reads at boot, and the role allowed to read them and one secret.
func ExampleNewAppConfig() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := appconfig.NewAppConfig(ctx, "shop-settings", &appconfig.AppConfigArgs{
			Prefix: "/shop/prod/",
			Settings: map[string]pulumi.StringInput{
				"DB_HOST": pulumi.String("db.internal.example.com"),
			},
			Roles: []pulumi.StringInput{pulumi.String("shop-web")},
		})
		return err
	})
}
