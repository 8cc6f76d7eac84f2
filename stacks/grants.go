package stacks

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/cache"
	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/components/sessions"
)

// DatabaseIAMUser is the database user the web instances sign in as with IAM authentication
// tokens (published as DB_IAM_USER). An operator creates it once in the database; see README,
// "IAM database authentication".
const DatabaseIAMUser = "tenk_app"

// grantWebRole is every grant the web role gets on the data tiers, in one place. Each tier
// returns what a role may do as a policy (sessions: read/write its items; database: read its
// credentials secret, and connect as DatabaseIAMUser when IAM authentication is on; cache: read
// its AUTH secret); they are attached here, and nowhere else. Each attachment is named after and
// parented to the tier it opens, where earlier releases created it, so no URN moves. The ready
// marker waits for all of them (Deploy passes them as ReadyAfter).
func grantWebRole(ctx *pulumi.Context, webRole pulumi.StringInput, table *sessions.SessionTable, db *database.RdsWithReplicas, kv *cache.CacheCluster) ([]pulumi.Resource, error) {
	var grants []pulumi.Resource
	add := func(r pulumi.Resource, err error) error {
		if err == nil {
			grants = append(grants, r)
		}
		return err
	}
	// inline puts a tier's policy document on the web role, as the tier's child.
	inline := func(name string, tier pulumi.Resource, policy pulumi.StringInput) error {
		return add(iam.NewRolePolicy(ctx, name, &iam.RolePolicyArgs{Role: webRole, Policy: policy}, pulumi.Parent(tier)))
	}

	// Sessions: read/write the table's items (its managed policy).
	if err := add(iam.NewRolePolicyAttachment(ctx, "tenk-sessions-attach-0", &iam.RolePolicyAttachmentArgs{
		Role:      webRole,
		PolicyArn: table.PolicyArn,
	}, pulumi.Parent(table))); err != nil {
		return nil, err
	}
	// Database: read the credentials secret, and sign in as DatabaseIAMUser with IAM tokens.
	if err := inline("tenk-db-web-secret", db, db.SecretReadPolicy()); err != nil {
		return nil, err
	}
	if db.IAMAuthentication {
		connect, err := db.ConnectPolicy(DatabaseIAMUser)
		if err != nil {
			return nil, err
		}
		if err := inline("tenk-db-web-connect", db, connect); err != nil {
			return nil, err
		}
	}
	// Cache: read the AUTH secret (Memcached has none).
	if kv.Engine != cache.EngineMemcached {
		secret, err := kv.SecretReadPolicy()
		if err != nil {
			return nil, err
		}
		if err := inline("tenk-cache-web-secret", kv, secret); err != nil {
			return nil, err
		}
	}
	return grants, nil
}
