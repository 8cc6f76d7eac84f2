package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AWS managed policies the CI roles use.
const (
	// administratorAccess: a tenk deploy creates IAM roles and policies, VPCs, databases, … and
	// PowerUserAccess excludes IAM. The trust policy, not the permissions, narrows who deploys.
	administratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess"
	// readOnlyAccess lets previews and refreshes read every resource tenk manages.
	readOnlyAccess = "arn:aws:iam::aws:policy/ReadOnlyAccess"
)

// githubRoles creates GitHub's OIDC provider and the roles CI assumes: one deploy role per
// environment (only jobs of that GitHub environment), a read-only preview role (pull requests)
// and a read-only drift role (jobs on main, as a schedule runs). Read-only roles can still write
// the state bucket: a preview or refresh takes the stack's lock file.
func githubRoles(ctx *pulumi.Context, cfg Config, bucket *s3.BucketV2, key *kms.Key, outputs pulumi.Map) error {
	provider, err := iam.NewOpenIdConnectProvider(ctx, "tenk-github-oidc", &iam.OpenIdConnectProviderArgs{
		Url:           pulumi.String("https://" + GitHubOIDCProviderURL),
		ClientIdLists: pulumi.StringArray{pulumi.String("sts.amazonaws.com")},
		// No thumbprint: IAM trusts GitHub's certificate authority for this issuer itself.
	})
	if err != nil {
		return err
	}
	statePolicy, err := iam.NewPolicy(ctx, "tenk-state-access", &iam.PolicyArgs{
		Description: pulumi.String("Use the tenk Pulumi state bucket and secrets key"),
		Policy: pulumi.All(bucket.Arn, key.Arn).ApplyT(func(v []any) string {
			return StateAccessPolicy(v[0].(string), v[1].(string))
		}).(pulumi.StringOutput),
	})
	if err != nil {
		return err
	}

	// role creates one role trusting subject, with one managed policy (attachment "<name>-<suffix>")
	// and the state access policy ("<name>-state").
	role := func(name, subject, suffix, managedArn string) (*iam.Role, error) {
		r, err := iam.NewRole(ctx, name, &iam.RoleArgs{
			AssumeRolePolicy: provider.Arn.ApplyT(func(arn string) string { return GitHubTrustPolicy(arn, subject) }).(pulumi.StringOutput),
			// One hour covers a prod deploy with a Multi-AZ database; raise it for longer ones.
			MaxSessionDuration: pulumi.Int(3600),
		})
		if err != nil {
			return nil, err
		}
		for s, arn := range map[string]pulumi.StringInput{suffix: pulumi.String(managedArn), "state": statePolicy.Arn} {
			if _, err := iam.NewRolePolicyAttachment(ctx, name+"-"+s, &iam.RolePolicyAttachmentArgs{Role: r.Name, PolicyArn: arn}); err != nil {
				return nil, err
			}
		}
		return r, nil
	}

	deployRoles := pulumi.StringMap{}
	for _, env := range cfg.Environments {
		r, err := role("tenk-deploy-"+env, environmentSubject(cfg.GitHubRepository, env), "admin", administratorAccess)
		if err != nil {
			return err
		}
		deployRoles[env] = r.Arn
	}
	preview, err := role("tenk-preview", pullRequestSubject(cfg.GitHubRepository), "readonly", readOnlyAccess)
	if err != nil {
		return err
	}
	drift, err := role("tenk-drift", branchSubject(cfg.GitHubRepository, "main"), "readonly", readOnlyAccess)
	if err != nil {
		return err
	}
	outputs["deployRoleArns"] = deployRoles
	outputs["previewRoleArn"] = preview.Arn
	outputs["driftRoleArn"] = drift.Arn
	return nil
}
