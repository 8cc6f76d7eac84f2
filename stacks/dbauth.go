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
// database authentication is on. The database grants it, so the policy is the database
// component's child, named after it.
func grantDatabaseConnect(ctx *pulumi.Context, db *database.RdsWithReplicas, webRole pulumi.StringInput) (*iam.RolePolicy, error) {
	if !db.IAMAuthentication {
		return nil, nil
	}
	policy, err := db.ConnectPolicy(DatabaseIAMUser)
	if err != nil {
		return nil, err
	}
	return iam.NewRolePolicy(ctx, "tenk-db-web-connect", &iam.RolePolicyArgs{
		Role:   webRole,
		Policy: policy,
	}, pulumi.Parent(db))
}
