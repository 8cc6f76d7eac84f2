package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// administratorAccess is what the deploy and e2e roles hold: a tenk deploy creates IAM roles and
// policies, VPCs, databases, … and PowerUserAccess excludes IAM. The trust policy, not the
// permissions, narrows who deploys.
const administratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess"

// Session lengths, each at least the timeout of the longest job that assumes the role, so a
// session never expires mid-deploy and leaves the stack's lock behind. STS refuses a
// DurationSeconds above the role's MaxSessionDuration (STS API Reference,
// AssumeRoleWithWebIdentity, DurationSeconds: 900 s up to the role's setting of 1–12 hours).
// TestWorkflowSessionsFitTheirRoles compares them with .github/workflows.
const (
	// DeploySessionSeconds covers deploy.yml's prod job (timeout-minutes: 120).
	DeploySessionSeconds = 7200
	// ReadSessionSeconds covers the preview and drift jobs (timeout-minutes: 30); one hour is
	// also IAM's minimum MaxSessionDuration.
	ReadSessionSeconds = 3600
	// E2ESessionSeconds covers e2e.yml (timeout-minutes: 210, asking 12600 s): the slowest
	// variant's deploy, probes and destroy, with its wait for CloudFront's network interfaces.
	E2ESessionSeconds = 14400
)

// ciRole is one role GitHub Actions assumes.
type ciRole struct {
	// name is the role's logical name; subject the OIDC subject it trusts.
	name, subject string
	// session is its MaxSessionDuration in seconds.
	session int
}

// githubRoles creates (or adopts) GitHub's OIDC provider and the roles CI assumes: one deploy
// role per environment (only jobs of that GitHub environment; AdministratorAccess and the
// read-write state policy); a preview role (pull-request jobs) that reads configuration and the
// PreviewStack's state and no value (a preview does not refresh); a drift role (jobs on main: the
// nightly drift check and deploy.yml's preview of prod before its approval) that reads
// configuration, every stack's state and the values a refresh of tenk's resources reads; neither
// writes anything. And an e2e role (jobs on main) that deploys throwaway stacks under the
// bucket's e2e/ folder; its Deny guards against mistakes, it is no boundary (E2EGuardPolicy).
func githubRoles(ctx *pulumi.Context, cfg Config, bucket *s3.BucketV2, key *kms.Key, outputs pulumi.Map) error {
	providerArn, err := oidcProvider(ctx, cfg)
	if err != nil {
		return err
	}
	statePolicy, err := jsonPolicy(ctx, "tenk-state-access", "Use the tenk Pulumi state bucket and secrets key",
		pulumi.All(bucket.Arn, key.Arn), func(v []any) string { return StateAccessPolicy(v[0].(string), v[1].(string)) })
	if err != nil {
		return err
	}
	stateRead, err := jsonPolicy(ctx, "tenk-state-read", "Read the tenk Pulumi state (no locks, no writes) and decrypt with its key",
		pulumi.All(bucket.Arn, key.Arn), func(v []any) string { return StateReadPolicy(v[0].(string), v[1].(string)) })
	if err != nil {
		return err
	}
	previewStateRead, err := jsonPolicy(ctx, "tenk-state-read-"+PreviewStack, "Read the tenk Pulumi state of the "+PreviewStack+" stack only (no locks, no writes) and decrypt with its key",
		pulumi.All(bucket.Arn, key.Arn), func(v []any) string {
			return StackStateReadPolicy(v[0].(string), v[1].(string), StateProject, PreviewStack)
		})
	if err != nil {
		return err
	}
	configRead, err := iam.NewPolicy(ctx, "tenk-read-configuration", &iam.PolicyArgs{
		Description: pulumi.String("Read what a preview or refresh of a tenk stack reads: configuration, not data"),
		Policy:      pulumi.String(ConfigReadPolicy()),
	})
	if err != nil {
		return err
	}
	refreshValues, err := jsonPolicy(ctx, "tenk-refresh-values", "Read the values a refresh of tenk's resources reads: its secrets, settings and static assets",
		pulumi.All(key.Arn), func(v []any) string { return RefreshValuesPolicy(accountOf(v[0].(string))) })
	if err != nil {
		return err
	}

	// role creates one role with its policies, each attached as "<name>-<suffix>". The suffixes
	// "admin", "readonly" and "state" are the ones earlier versions used, so an upgrade never
	// detaches a policy it attaches again under another name.
	role := func(r ciRole, policies ...attachment) (*iam.Role, error) {
		created, err := iam.NewRole(ctx, r.name, &iam.RoleArgs{
			AssumeRolePolicy:   providerArn.ApplyT(func(arn string) string { return GitHubTrustPolicy(arn, r.subject) }).(pulumi.StringOutput),
			MaxSessionDuration: pulumi.Int(r.session),
		})
		if err != nil {
			return nil, err
		}
		for _, a := range policies {
			if _, err := iam.NewRolePolicyAttachment(ctx, r.name+"-"+a.suffix, &iam.RolePolicyAttachmentArgs{Role: created.Name, PolicyArn: a.arn}); err != nil {
				return nil, err
			}
		}
		return created, nil
	}

	var roleArns pulumi.StringArray
	deployRoles := pulumi.StringMap{}
	for _, env := range cfg.Environments {
		r, err := role(ciRole{"tenk-deploy-" + env, environmentSubject(cfg.GitHubRepository, env), DeploySessionSeconds},
			attachment{"admin", pulumi.String(administratorAccess)}, attachment{"state", statePolicy.Arn})
		if err != nil {
			return err
		}
		deployRoles[env] = r.Arn
		roleArns = append(roleArns, r.Arn)
	}
	// Pull-request code runs with the preview role: configuration and the dev stack's state only
	// (which holds dev's generated passwords as Pulumi secrets it can decrypt), no Secrets Manager
	// value, no setting, no other stack's state (prod's holds prod's generated passwords).
	preview, err := role(ciRole{"tenk-preview", pullRequestSubject(cfg.GitHubRepository), ReadSessionSeconds},
		attachment{"readonly", configRead.Arn}, attachment{"state", previewStateRead.Arn})
	if err != nil {
		return err
	}
	drift, err := role(ciRole{"tenk-drift", branchSubject(cfg.GitHubRepository, "main"), ReadSessionSeconds},
		attachment{"readonly", configRead.Arn}, attachment{"state", stateRead.Arn}, attachment{"values", refreshValues.Arn})
	if err != nil {
		return err
	}
	roleArns = append(roleArns, preview.Arn, drift.Arn)
	outputs["deployRoleArns"] = deployRoles
	outputs["previewRoleArn"] = preview.Arn
	outputs["driftRoleArn"] = drift.Arn
	if !cfg.E2ERole {
		return nil
	}
	return e2eRole(ctx, cfg, bucket, key, providerArn, ciPolicies{
		roles: roleArns, policies: pulumi.StringArray{statePolicy.Arn, stateRead.Arn, previewStateRead.Arn, configRead.Arn, refreshValues.Arn},
		newRole: role,
	}, outputs)
}

// attachment is one managed policy a role holds, attached as "<role>-<suffix>".
type attachment struct {
	suffix string
	arn    pulumi.StringInput
}

// ciPolicies is what e2eRole needs of the other CI roles: their ARNs and policies, to guard
// them, and the function that creates a role.
type ciPolicies struct {
	roles, policies pulumi.StringArray
	newRole         func(r ciRole, policies ...attachment) (*iam.Role, error)
}

// e2eRole creates the role e2e.yml assumes: an administrator of the account for its throwaway
// stacks, whose state policy covers only the bucket's e2e/ folder and whose own calls are denied
// every change to the team's state, the bucket's and key's settings and the CI roles
// (E2EGuardPolicy). That Deny catches mistakes; it is not a boundary (an administrator can create
// a principal it does not name): for one, run e2e in a separate account and set e2eRole false.
func e2eRole(ctx *pulumi.Context, cfg Config, bucket *s3.BucketV2, key *kms.Key, providerArn pulumi.StringOutput, ci ciPolicies, outputs pulumi.Map) error {
	e2eState, err := jsonPolicy(ctx, "tenk-e2e-state", "Use the e2e/ folder of the tenk state bucket",
		pulumi.All(bucket.Arn, key.Arn), func(v []any) string { return E2EStatePolicy(v[0].(string), v[1].(string)) })
	if err != nil {
		return err
	}
	e2e, err := ci.newRole(ciRole{"tenk-e2e", branchSubject(cfg.GitHubRepository, "main"), E2ESessionSeconds},
		attachment{"admin", pulumi.String(administratorAccess)}, attachment{"state", e2eState.Arn})
	if err != nil {
		return err
	}
	roleArns := append(ci.roles, e2e.Arn)
	policyArns := append(ci.policies, e2eState.Arn)
	guard := pulumi.All(bucket.Arn, key.Arn, providerArn, roleArns, policyArns).ApplyT(func(v []any) string {
		return E2EGuardPolicy(Guarded{
			BucketArn: v[0].(string), KeyArn: v[1].(string), AliasArn: aliasArn(v[1].(string), cfg.SecretsAlias),
			ProviderArn: v[2].(string), RoleArns: v[3].([]string), PolicyArns: v[4].([]string),
		})
	}).(pulumi.StringOutput)
	if _, err := iam.NewRolePolicy(ctx, "tenk-e2e-guard", &iam.RolePolicyArgs{Role: e2e.Name, Policy: guard}); err != nil {
		return err
	}
	outputs["e2eRoleArn"] = e2e.Arn
	outputs["e2eBackendUrl"] = bucket.Bucket.ApplyT(func(b string) string { return E2EBackendURL(b, cfg.Region) }).(pulumi.StringOutput)
	return nil
}

// oidcProvider returns the ARN of GitHub's OIDC provider: the one given in
// githubOidcProviderArn, or a new one. IAM holds one provider per issuer URL per account
// (CreateOpenIDConnectProvider fails with EntityAlreadyExists), so an account that already
// trusts GitHub for another project must reuse its provider.
func oidcProvider(ctx *pulumi.Context, cfg Config) (pulumi.StringOutput, error) {
	if cfg.GitHubOIDCProviderArn != "" {
		return pulumi.String(cfg.GitHubOIDCProviderArn).ToStringOutput(), nil
	}
	provider, err := iam.NewOpenIdConnectProvider(ctx, "tenk-github-oidc", &iam.OpenIdConnectProviderArgs{
		Url:           pulumi.String("https://" + GitHubOIDCProviderURL),
		ClientIdLists: pulumi.StringArray{pulumi.String("sts.amazonaws.com")},
		// No thumbprint: IAM trusts GitHub's certificate authority for this issuer itself.
	})
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	return provider.Arn, nil
}

// jsonPolicy creates a customer-managed policy whose document doc builds from inputs.
func jsonPolicy(ctx *pulumi.Context, name, description string, inputs pulumi.ArrayOutput, doc func([]any) string) (*iam.Policy, error) {
	return iam.NewPolicy(ctx, name, &iam.PolicyArgs{
		Description: pulumi.String(description),
		Policy:      inputs.ApplyT(doc).(pulumi.StringOutput),
	})
}
