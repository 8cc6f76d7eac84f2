package sessions_test

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/sessions"
)

// A session table for a web tier: production defaults (on-demand, TTL on ExpiresAt, PITR,
// deletion protection, AWS-managed encryption), its access policy attached to the web servers'
// role in the caller's scope, and the table name exported for the application's configuration. The application writes ExpiresAt as
// epoch seconds and treats a session whose ExpiresAt has passed as missing, since TTL deletion is
// best-effort.
func ExampleNewSessionTable() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		webRole, err := iam.NewRole(ctx, "web", &iam.RoleArgs{
			AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
		})
		if err != nil {
			return err
		}
		table, err := sessions.NewSessionTable(ctx, "sessions", &sessions.SessionTableArgs{
			Protect: true,
			Tags:    map[string]string{"app": "shop"},
		})
		if err != nil {
			return err
		}
		// The grant: item-level read/write on this table only.
		if _, err := iam.NewRolePolicyAttachment(ctx, "web-sessions", &iam.RolePolicyAttachmentArgs{
			Role:      webRole.Name,
			PolicyArn: table.PolicyArn,
		}); err != nil {
			return err
		}
		ctx.Export("sessionTableName", table.TableName)
		ctx.Export("sessionPolicyArn", table.PolicyArn)
		return nil
	})
}

// A dev table: the same encryption, TTL and least-privilege policy, with the cost knobs relaxed
// explicitly (no point-in-time recovery, no deletion protection, an on-demand throughput cap).
func ExampleNewSessionTable_dev() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := sessions.NewSessionTable(ctx, "sessions", &sessions.SessionTableArgs{
			PointInTimeRecovery:  pulumi.BoolRef(false),
			DeletionProtection:   pulumi.BoolRef(false),
			MaxReadRequestUnits:  200,
			MaxWriteRequestUnits: 100,
		})
		return err
	})
}

// Attaching the access policy yourself, for example inline on a role defined elsewhere.
func ExamplePolicyDocument() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		tableArn := pulumi.String("arn:aws:dynamodb:eu-west-1:123456789012:table/sessions")
		_, err := iam.NewRolePolicy(ctx, "web-sessions", &iam.RolePolicyArgs{
			Role:   pulumi.String("web-role"),
			Policy: sessions.PolicyDocument(tableArn, nil),
		})
		return err
	})
}
