package database

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/iampolicy"
)

// connectTarget is one database a connect grant covers: its ARN (for partition, region and
// account) and the resource ID IAM authentication names it by.
type connectTarget struct {
	arn, resourceID pulumi.StringOutput
}

// ConnectResourceArn is the resource a principal needs rds-db:connect on to sign in as user with
// an IAM token: arn:<partition>:rds-db:<region>:<account>:dbuser:<resource id>/<user> (Service
// Authorization Reference, "Amazon RDS IAM Authentication", resource type db-user; RDS user guide,
// "Creating and using an IAM policy for IAM database access"). resourceID is the instance's
// DbiResourceId ("db-…") or the Aurora cluster's resource ID ("cluster-…"), never its name; dbArn
// is the instance's or cluster's ARN, which supplies partition, region and account.
func ConnectResourceArn(dbArn, resourceID, user string) (string, error) {
	parts := strings.SplitN(dbArn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "rds" || parts[3] == "" || parts[4] == "" {
		return "", fmt.Errorf("%q is not an RDS instance or cluster ARN (arn:<partition>:rds:<region>:<account>:db:<id>)", dbArn)
	}
	if resourceID == "" {
		return "", fmt.Errorf("the resource ID of %q is empty: IAM authentication names the database by its DbiResourceId or cluster resource ID", dbArn)
	}
	return fmt.Sprintf("arn:%s:rds-db:%s:%s:dbuser:%s/%s", parts[1], parts[3], parts[4], resourceID, user), nil
}

// ConnectPolicy returns an IAM policy document (JSON) that lets its holder sign in as the database
// user named user with an IAM authentication token: on the primary and every read replica (each
// has its own resource ID), or on every instance of the Aurora cluster. Attach it to the
// application's role. The user must exist in the database with IAM sign-in enabled (README,
// "IAM database authentication": PostgreSQL `GRANT rds_iam TO <user>`; MySQL
// `IDENTIFIED WITH AWSAuthenticationPlugin AS 'RDS'`). It fails when IAMDatabaseAuthentication is
// off, the name is no valid user name, or it is the master user, which keeps its password: on
// PostgreSQL, rds_iam switches a user's password sign-in off.
func (d *RdsWithReplicas) ConnectPolicy(user string) (pulumi.StringOutput, error) {
	if !d.IAMAuthentication {
		return pulumi.StringOutput{}, fmt.Errorf("ConnectPolicy(%q): IAM database authentication is off; set IAMDatabaseAuthentication to true", user)
	}
	spec, _ := specFor(d.Engine)
	if !usernameRE.MatchString(user) || len(user) > spec.MaxUsernameLength {
		return pulumi.StringOutput{}, fmt.Errorf("ConnectPolicy(%q): %s user names are 1–%d letters, digits or underscores starting with a letter", user, d.Engine, spec.MaxUsernameLength)
	}
	if strings.EqualFold(user, d.Username) {
		return pulumi.StringOutput{}, fmt.Errorf("ConnectPolicy(%q): that is the master user, which keeps its password for administration; create an application user and grant that", user)
	}
	inputs := make([]any, 0, 2*len(d.connectTargets))
	for _, t := range d.connectTargets {
		inputs = append(inputs, t.arn, t.resourceID)
	}
	return pulumi.All(inputs...).ApplyT(func(values []any) (string, error) {
		resources := make([]string, 0, len(values)/2)
		for i := 0; i < len(values); i += 2 {
			arn, err := ConnectResourceArn(values[i].(string), values[i+1].(string), user)
			if err != nil {
				return "", err
			}
			resources = append(resources, arn)
		}
		return iampolicy.New(iampolicy.Allow("ConnectAsDatabaseUser", "rds-db:connect", resources)).JSON()
	}).(pulumi.StringOutput), nil
}
