package stacks

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/database"
)

// DatabaseIAMUser is the database user the web instances sign in as with IAM authentication
// tokens (published as DB_IAM_USER). An operator creates it once in the database; see README,
// "IAM database authentication".
const DatabaseIAMUser = "tenk_app"

// grantDatabaseConnect lets the web role sign in as DatabaseIAMUser (rds-db:connect), when IAM
// database authentication is on. The policy is the stack's, not a child of either component.
func grantDatabaseConnect(ctx *pulumi.Context, db *database.RdsWithReplicas, webRole pulumi.StringInput) error {
	if !db.IAMAuthentication {
		return nil
	}
	policy, err := db.ConnectPolicy(DatabaseIAMUser)
	if err != nil {
		return err
	}
	_, err = iam.NewRolePolicy(ctx, "tenk-web-db-connect", &iam.RolePolicyArgs{
		Role:   webRole,
		Policy: policy,
	})
	return err
}
