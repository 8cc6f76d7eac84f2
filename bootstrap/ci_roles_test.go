package main

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/testkit"
)

const (
	oidcType = "aws:iam/openIdConnectProvider:OpenIdConnectProvider"
	repo     = "acme/shop"
)

// ciRun runs the bootstrap with the CI roles of repo.
func ciRun(t *testing.T, extra map[string]string) *testkit.Mocks {
	t.Helper()
	cfg := map[string]string{"githubRepository": repo}
	for k, v := range extra {
		cfg[k] = v
	}
	m, _ := run(t, cfg)
	return m
}

// roleVariables maps the repository or environment variable a workflow reads its role from to
// the bootstrap role it must hold (README "Team setup", step 3).
func roleFor(variable, environment string) string {
	switch variable {
	case "AWS_DEPLOY_ROLE_ARN":
		return "tenk-deploy-" + environment
	case "AWS_PREVIEW_ROLE_ARN":
		return "tenk-preview"
	case "AWS_DRIFT_ROLE_ARN":
		return "tenk-drift"
	case "AWS_E2E_ROLE_ARN":
		return "tenk-e2e"
	}
	return ""
}

var roleVariable = regexp.MustCompile(`^\$\{\{\s*vars\.([A-Z0-9_]+)\s*\}\}$`)

// assumption is one configure-aws-credentials step of a job.
type assumption struct {
	w        *workflow
	j        *job
	role     string
	duration int
}

func assumptions(t *testing.T) []assumption {
	t.Helper()
	var out []assumption
	for _, w := range loadWorkflows(t) {
		for _, j := range w.Jobs {
			for _, s := range j.uses("aws-actions/configure-aws-credentials") {
				m := roleVariable.FindStringSubmatch(s.With["role-to-assume"])
				require.NotNil(t, m, "%s job %s: role-to-assume %q is not one repository variable", w.file, j.name, s.With["role-to-assume"])
				role := roleFor(m[1], j.environment())
				require.NotEmpty(t, role, "%s job %s: %s is not a role bootstrap creates", w.file, j.name, m[1])
				duration := 3600 // the action's default (configure-aws-credentials v6 src/index.ts DEFAULT_ROLE_DURATION)
				if v := s.With["role-duration-seconds"]; v != "" {
					n, err := strconv.Atoi(v)
					require.NoError(t, err, "%s job %s: role-duration-seconds", w.file, j.name)
					duration = n
				}
				out = append(out, assumption{w: w, j: j, role: role, duration: duration})
			}
		}
	}
	require.NotEmpty(t, out)
	return out
}

// registeredRole returns the role registration named name.
func registeredRole(t *testing.T, m *testkit.Mocks, name string) testkit.Resource {
	t.Helper()
	r, ok := m.Named(roleType, name)
	require.True(t, ok, "bootstrap creates no role %s", name)
	return r
}

// assumable reports whether GitHub's token with subject may assume the role.
func assumable(t *testing.T, m *testkit.Mocks, role, providerArn, subject string) bool {
	t.Helper()
	st, err := testkit.ParsePolicy(registeredRole(t, m, role).String("assumeRolePolicy"))
	require.NoError(t, err)
	ok, err := testkit.Decide(st, testkit.Request{
		Action:    "sts:AssumeRoleWithWebIdentity",
		Principal: map[string]string{"Federated": providerArn},
		Context: map[string]string{
			GitHubOIDCProviderURL + ":aud": "sts.amazonaws.com",
			GitHubOIDCProviderURL + ":sub": subject,
		},
	})
	require.NoError(t, err)
	return ok
}

func providerArnOf(m *testkit.Mocks) string {
	return m.DefaultARN(oidcType, "tenk-github-oidc")
}

// Every job that assumes a role gets a token the role trusts: the e2e job included (it has no
// environment, so its subject is the ref form, and bootstrap used to create no role for it).
func TestEveryWorkflowJobCanAssumeItsRole(t *testing.T) {
	m := ciRun(t, nil)
	for _, a := range assumptions(t) {
		subject := oidcSubject(t, repo, a.w, a.j)
		assert.True(t, assumable(t, m, a.role, providerArnOf(m), subject),
			"%s job %s: %s does not trust its token's subject %s", a.w.file, a.j.name, a.role, subject)
	}
}

// Each role trusts only the runs meant for it.
func TestRolesRefuseOtherSubjects(t *testing.T) {
	m := ciRun(t, nil)
	p := providerArnOf(m)
	sub := func(s string) string { return "repo:" + repo + ":" + s }
	for role, refused := range map[string][]string{
		"tenk-deploy-prod": {sub("environment:dev"), sub("ref:refs/heads/main"), sub("pull_request"), "repo:evil/shop:environment:prod"},
		"tenk-deploy-dev":  {sub("environment:prod"), sub("ref:refs/heads/main"), sub("pull_request")},
		"tenk-preview":     {sub("ref:refs/heads/main"), sub("environment:prod"), "repo:evil/shop:pull_request"},
		"tenk-drift":       {sub("ref:refs/heads/feature"), sub("pull_request"), sub("environment:dev")},
		"tenk-e2e":         {sub("ref:refs/heads/feature"), sub("pull_request"), sub("environment:dev"), "repo:evil/shop:ref:refs/heads/main"},
	} {
		for _, s := range refused {
			assert.False(t, assumable(t, m, role, p, s), "%s trusts %s", role, s)
		}
	}
	assert.False(t, assumable(t, m, "tenk-e2e", "arn:aws:iam::123456789012:oidc-provider/other.example", sub("ref:refs/heads/main")))
}

// A job's session lasts as long as the job may run, and no longer than its role allows: STS
// refuses a longer one, a shorter one expires mid-deploy and leaves the stack's lock behind.
func TestWorkflowSessionsFitTheirRoles(t *testing.T) {
	m := ciRun(t, nil)
	for _, a := range assumptions(t) {
		require.NotZero(t, a.j.TimeoutMinutes, "%s job %s: set timeout-minutes, the session is sized to it", a.w.file, a.j.name)
		assert.GreaterOrEqual(t, a.duration, a.j.TimeoutMinutes*60,
			"%s job %s: a %d s session ends before the job's %d-minute timeout", a.w.file, a.j.name, a.duration, a.j.TimeoutMinutes)
		max := int(registeredRole(t, m, a.role).Number("maxSessionDuration"))
		assert.LessOrEqual(t, a.duration, max,
			"%s job %s: asks %d s of %s, whose maximum session is %d s: STS refuses it", a.w.file, a.j.name, a.duration, a.role, max)
	}
}

// statementsOf returns every statement of role: managed, customer and inline.
func statementsOf(t *testing.T, m *testkit.Mocks, role string) []testkit.PolicyStatement {
	t.Helper()
	st, err := testkit.RoleStatements(m, role)
	require.NoError(t, err)
	return st
}

func decide(t *testing.T, st []testkit.PolicyStatement, action, resource string) bool {
	t.Helper()
	ok, err := testkit.Decide(st, testkit.Request{Action: action, Resource: resource})
	require.NoError(t, err)
	return ok
}

const (
	stateBucket = "arn:aws:s3:::tenk-state-bucket"
	stateKey    = "arn:aws:kms:us-east-1:123456789012:key/tenk-state-key-id"
	account     = "123456789012"
)

// The read roles read configuration and write nothing (a same-repository branch can edit the
// workflow that holds them). The preview role, which any such pull request can assume, reads no
// value: no secret, no setting, no static asset, and of the state only the dev stack's, since a
// preview never refreshes (prod's state holds its generated passwords, which kms:Decrypt would
// open). The drift role refreshes: it reads tenk's own secret values and settings and every
// stack's state.
func TestReadRolesReadConfigurationNotData(t *testing.T) {
	m := ciRun(t, nil)
	type check struct{ action, resource string }
	both := []check{
		{"dynamodb:DescribeTable", "arn:aws:dynamodb:eu-west-1:" + account + ":table/tenk-sessions-table"},
		{"dynamodb:DescribeContinuousBackups", "arn:aws:dynamodb:eu-west-1:" + account + ":table/tenk-sessions-table"},
		{"s3:GetBucketPolicy", "arn:aws:s3:::tenk-cdn-bucket-1a2b3c4"},
		{"secretsmanager:DescribeSecret", "arn:aws:secretsmanager:eu-west-1:" + account + ":secret:tenk-db-credentials-3f9a2c1-AbCdEf"},
		// The web tier's AMI lookup runs in every preview.
		{"ssm:GetParameter", "arn:aws:ssm:eu-west-1::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"},
		{"s3:ListBucket", stateBucket},
		{"s3:GetObject", stateBucket + "/.pulumi/meta.yaml"},
		{"s3:GetObject", stateBucket + "/.pulumi/stacks/tenk/dev.json"},
		{"s3:GetObject", stateBucket + "/.pulumi/stacks/tenk/dev.json.gz"},
		{"s3:GetObject", stateBucket + "/.pulumi/stacks/tenk/dev.pulumi-tags"},
		{"s3:GetObject", stateBucket + "/.pulumi/history/tenk/dev/dev-1767225600000000000.history.json"},
		{"kms:Decrypt", stateKey},
	}
	refreshOnly := []check{
		{"secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:" + account + ":secret:tenk-db-credentials-3f9a2c1-AbCdEf"},
		{"secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:" + account + ":secret:tenk-cache-auth-77aa01b-XyZ123"},
		{"ssm:GetParameter", "arn:aws:ssm:eu-west-1:" + account + ":parameter/tenk/prod/DB_HOST"},
		{"s3:GetObject", "arn:aws:s3:::tenk-cdn-bucket-1a2b3c4/static/app.css"},
		{"s3:GetObject", stateBucket + "/.pulumi/stacks/tenk/prod.json"},
		{"s3:GetObject", stateBucket + "/.pulumi/stacks/tenk/prod.json.bak"},
		{"s3:GetObject", stateBucket + "/.pulumi/history/tenk/prod/prod-1767225600000000000.checkpoint.json"},
		{"s3:GetObject", stateBucket + "/.pulumi/stacks/tenk-bootstrap/shared.json"},
	}
	neither := []check{
		{"secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:" + account + ":secret:payments/stripe-key-AbCdEf"},
		{"secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:210987654321:secret:tenk-db-credentials-3f9a2c1-AbCdEf"},
		{"dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:" + account + ":table/tenk-sessions-table"},
		{"dynamodb:Query", "arn:aws:dynamodb:eu-west-1:" + account + ":table/tenk-sessions-table"},
		{"dynamodb:Scan", "arn:aws:dynamodb:eu-west-1:" + account + ":table/tenk-sessions-table"},
		{"dynamodb:BatchGetItem", "arn:aws:dynamodb:eu-west-1:" + account + ":table/tenk-sessions-table"},
		{"s3:GetObject", "arn:aws:s3:::customer-uploads/invoice.pdf"},
		{"s3:GetObject", "arn:aws:s3:::tenk-cdn-logs-9f8e7d6/E2ABC.2026-01-01-00.gz"},
		{"ssm:GetParameter", "arn:aws:ssm:eu-west-1:" + account + ":parameter/payments/db-password"},
		{"logs:GetLogEvents", "arn:aws:logs:eu-west-1:" + account + ":log-group:/aws/rds/instance/tenk-db/postgresql:log-stream:x"},
		{"logs:FilterLogEvents", "arn:aws:logs:eu-west-1:" + account + ":log-group:/aws/rds/instance/tenk-db/postgresql"},
		{"wafv2:GetSampledRequests", "*"},
		{"kms:Decrypt", "arn:aws:kms:eu-west-1:" + account + ":key/another"},
		{"s3:PutObject", stateBucket + "/.pulumi/stacks/tenk/prod.json"},
		{"s3:PutObject", stateBucket + "/.pulumi/stacks/tenk/dev.json"},
		{"s3:PutObject", stateBucket + "/.pulumi/locks/tenk/prod/1234.json"},
		{"s3:DeleteObject", stateBucket + "/.pulumi/locks/tenk/prod/1234.json"},
		{"kms:Encrypt", stateKey},
		{"ec2:TerminateInstances", "*"},
	}
	for role, allowed := range map[string][][]check{
		"tenk-preview": {both},
		"tenk-drift":   {both, refreshOnly},
	} {
		t.Run(role, func(t *testing.T) {
			st := statementsOf(t, m, role)
			denied := neither
			if len(allowed) == 1 {
				denied = append(slices.Clone(neither), refreshOnly...)
			}
			for _, list := range allowed {
				for _, c := range list {
					assert.True(t, decide(t, st, c.action, c.resource), "%s needs %s on %s", role, c.action, c.resource)
				}
			}
			for _, c := range denied {
				assert.False(t, decide(t, st, c.action, c.resource), "%s must not %s on %s", role, c.action, c.resource)
			}
		})
	}
}

// Pull requests preview only the stack whose state the preview role reads (dev); prod is
// previewed on main, before its approval, by deploy.yml's prod-preview job with the drift role.
func TestPullRequestsPreviewOnlyTheStackThePreviewRoleReads(t *testing.T) {
	m := ciRun(t, nil)
	st := statementsOf(t, m, "tenk-preview")
	var previewed []string
	for _, a := range assumptions(t) {
		if a.role != "tenk-preview" {
			continue
		}
		for _, s := range a.j.uses("pulumi/actions") {
			if s.With["command"] == "" {
				continue // installs the CLI
			}
			assert.Equal(t, "preview", s.With["command"], "%s job %s", a.w.file, a.j.name)
			for _, stack := range a.j.matrixValues(s.With["stack-name"]) {
				previewed = append(previewed, stack)
				assert.True(t, decide(t, st, "s3:GetObject", stateBucket+"/.pulumi/stacks/"+StateProject+"/"+stack+".json"),
					"%s job %s previews %s, whose state the preview role cannot read", a.w.file, a.j.name, stack)
			}
		}
	}
	assert.Equal(t, []string{"dev"}, previewed, "pull requests preview dev only")
	assert.False(t, decide(t, st, "s3:GetObject", stateBucket+"/.pulumi/stacks/tenk/prod.json"))
}

// The e2e role deploys anything into the account and its state under e2e/, and its own calls
// change neither the team's state nor the bootstrap's bucket, key, roles and policies. That is a
// guard against mistakes, not a boundary: as an administrator it can create another principal
// the Deny does not name (README "Team setup", "The e2e role").
func TestE2ERoleIsAdminOutsideTheTeamsState(t *testing.T) {
	m, outputs := run(t, map[string]string{"githubRepository": repo})
	st := statementsOf(t, m, "tenk-e2e")
	assert.Equal(t, "s3://tenk-state-bucket/e2e?region=eu-west-1&awssdk=v2", await(t, outputs, "e2eBackendUrl"))
	for _, c := range []struct{ action, resource string }{
		{"iam:CreateRole", "arn:aws:iam::" + account + ":role/tenk-web-role-1234567"},
		{"ec2:CreateVpc", "*"},
		{"s3:PutObject", stateBucket + "/e2e/.pulumi/stacks/tenk/e2e-abc123.json"},
		{"s3:DeleteObject", stateBucket + "/e2e/.pulumi/locks/tenk/e2e-abc123/1.json"},
		{"kms:Encrypt", stateKey},
		{"kms:Decrypt", stateKey},
	} {
		assert.True(t, decide(t, st, c.action, c.resource), "the e2e role needs %s on %s", c.action, c.resource)
	}
	deployProd := await(t, outputs, "deployRoleArns").(map[string]string)["prod"]
	guardedRoles := []string{deployProd, await(t, outputs, "driftRoleArn").(string), await(t, outputs, "e2eRoleArn").(string)}
	for _, c := range []struct{ action, resource string }{
		{"s3:PutObject", stateBucket + "/.pulumi/stacks/tenk/prod.json"},
		{"s3:DeleteObject", stateBucket + "/.pulumi/locks/tenk/prod/1.json"},
		{"s3:DeleteObjectVersion", stateBucket + "/.pulumi/stacks/tenk/prod.json"},
		{"s3:DeleteBucket", stateBucket},
		{"s3:PutBucketPolicy", stateBucket},
		{"s3:PutBucketVersioning", stateBucket},
		{"kms:ScheduleKeyDeletion", stateKey},
		{"kms:PutKeyPolicy", stateKey},
		// A grant would hand the key to a principal the e2e role creates.
		{"kms:CreateGrant", stateKey},
		{"kms:DeleteAlias", "arn:aws:kms:us-east-1:123456789012:alias/tenk-pulumi-secrets"},
		{"iam:DeleteOpenIDConnectProvider", providerArnOf(m)},
		{"iam:CreatePolicyVersion", m.DefaultARN("aws:iam/policy:Policy", "tenk-state-access")},
	} {
		assert.False(t, decide(t, st, c.action, c.resource), "the e2e role must not %s on %s", c.action, c.resource)
	}
	for _, arn := range guardedRoles {
		for _, action := range []string{"iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:DetachRolePolicy"} {
			assert.False(t, decide(t, st, action, arn), "the e2e role must not %s on %s", action, arn)
		}
	}
}

func TestE2ERoleCanBeLeftOut(t *testing.T) {
	m, outputs := run(t, map[string]string{"githubRepository": repo, "e2eRole": "false"})
	_, ok := m.Named(roleType, "tenk-e2e")
	assert.False(t, ok)
	_, ok = outputs["e2eRoleArn"]
	assert.False(t, ok)
}

// An account can hold one OIDC provider per issuer: a second project reuses it.
func TestExistingOIDCProviderIsReused(t *testing.T) {
	existing := "arn:aws:iam::" + account + ":oidc-provider/token.actions.githubusercontent.com"
	m := ciRun(t, map[string]string{"githubOidcProviderArn": existing})
	assert.Empty(t, m.ByType(oidcType), "no second provider for the same issuer")
	for _, r := range m.ByType(roleType) {
		assert.True(t, assumable(t, m, r.Name, existing, "repo:"+repo+":"+map[string]string{
			"tenk-deploy-dev": "environment:dev", "tenk-deploy-prod": "environment:prod", "tenk-preview": "pull_request",
			"tenk-drift": "ref:refs/heads/main", "tenk-e2e": "ref:refs/heads/main"}[r.Name]), "%s trusts the existing provider", r.Name)
	}

	for _, bad := range []string{"arn:aws:iam::" + account + ":oidc-provider/accounts.google.com", "token.actions.githubusercontent.com"} {
		_, err := testkit.Run(Run, testkit.RunOptions{Stack: "shared", Config: map[string]string{
			"aws:region": "eu-west-1", Namespace + ":githubRepository": repo, Namespace + ":githubOidcProviderArn": bad,
		}})
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), "githubOidcProviderArn")
		assert.Contains(t, err.Error(), "list-open-id-connect-providers")
	}
}

// Everything every stack's state and secrets depend on is protected and retained: the key, its
// alias (every stack's awskms://alias/… URL), the bucket and each of its settings.
func TestStateKeyAliasBucketAndSettingsAreProtected(t *testing.T) {
	m := ciRun(t, nil)
	ci := map[string]bool{roleType: true, oidcType: true, "aws:iam/policy:Policy": true,
		"aws:iam/rolePolicyAttachment:RolePolicyAttachment": true, "aws:iam/rolePolicy:RolePolicy": true}
	var kept []string
	for _, r := range m.Resources() {
		if ci[r.Type] || !strings.HasPrefix(r.Type, "aws:") {
			continue
		}
		assert.True(t, r.Protect && r.RetainOnDelete, "%s (%s) is not protected and retained", r.Name, r.Type)
		kept = append(kept, r.Type)
	}
	for _, typ := range []string{keyType, "aws:kms/alias:Alias", bucketType, "aws:s3/bucketPolicy:BucketPolicy",
		"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:s3/bucketVersioningV2:BucketVersioningV2",
		"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"} {
		assert.Contains(t, kept, typ)
	}
}

// RefreshValuesPolicy names the account: another account's tenk-* secrets stay closed.
func TestRefreshValuesPolicyNamesTheAccount(t *testing.T) {
	st, err := testkit.ParsePolicy(RefreshValuesPolicy(account))
	require.NoError(t, err)
	assert.True(t, decide(t, st, "secretsmanager:GetSecretValue", fmt.Sprintf("arn:aws:secretsmanager:ap-south-1:%s:secret:tenk-x", account)))
	assert.Equal(t, account, accountOf(stateKey))
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:alias/tenk-pulumi-secrets", aliasArn(stateKey, "alias/tenk-pulumi-secrets"))
}
