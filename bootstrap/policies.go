package main

import "encoding/json"

// document is an IAM or resource policy document.
type document struct {
	Version   string      `json:"Version"`
	Statement []statement `json:"Statement"`
}

type statement struct {
	Sid       string         `json:"Sid,omitempty"`
	Effect    string         `json:"Effect"`
	Principal any            `json:"Principal,omitempty"`
	Action    any            `json:"Action"`
	Resource  any            `json:"Resource,omitempty"`
	Condition map[string]any `json:"Condition,omitempty"`
}

func mustJSON(d document) string {
	b, err := json.Marshal(d)
	if err != nil {
		panic(err) // only plain strings and maps: cannot fail
	}
	return string(b)
}

// TLSOnlyBucketPolicy denies every request to the bucket and its objects that does not use TLS
// (S3 user guide, "Enforce encryption in transit": aws:SecureTransport false).
func TLSOnlyBucketPolicy(bucketArn string) string {
	return mustJSON(document{Version: "2012-10-17", Statement: []statement{{
		Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*",
		Resource:  []string{bucketArn, bucketArn + "/*"},
		Condition: map[string]any{"Bool": map[string]string{"aws:SecureTransport": "false"}},
	}}})
}

// StateAccessPolicy lets a principal use the backend: list the bucket, read and write state,
// history and lock files (locks are created and deleted), and encrypt and decrypt with the key
// (S3 SSE-KMS needs kms:GenerateDataKey and kms:Decrypt; the awskms:// provider Encrypt/Decrypt).
func StateAccessPolicy(bucketArn, keyArn string) string {
	return mustJSON(document{Version: "2012-10-17", Statement: []statement{
		{Sid: "ListState", Effect: "Allow", Action: []string{"s3:ListBucket", "s3:GetBucketLocation"}, Resource: bucketArn},
		{Sid: "ReadWriteState", Effect: "Allow", Action: []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject"}, Resource: bucketArn + "/*"},
		{Sid: "UseStateKey", Effect: "Allow", Action: []string{"kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"}, Resource: keyArn},
	}})
}

// StateReadPolicy is StateAccessPolicy without any write: `pulumi preview` and `pulumi refresh
// --preview-only` on the DIY backend take no lock and persist nothing (pkg/backend/diy/backend.go
// v3.274.1: Preview and a PreviewOnly Refresh skip Lock, and apply swaps in a DiscardPersister
// for dry runs), so the drift role can read every stack and overwrite none (the preview role
// holds StackStateReadPolicy: one stack).
// Decrypting the stack's data key (awskms://) and SSE-KMS objects needs only kms:Decrypt.
func StateReadPolicy(bucketArn, keyArn string) string {
	return mustJSON(document{Version: "2012-10-17", Statement: []statement{
		{Sid: "ListState", Effect: "Allow", Action: []string{"s3:ListBucket", "s3:GetBucketLocation"}, Resource: bucketArn},
		{Sid: "ReadState", Effect: "Allow", Action: "s3:GetObject", Resource: bucketArn + "/*"},
		{Sid: "DecryptState", Effect: "Allow", Action: []string{"kms:Decrypt", "kms:DescribeKey"}, Resource: keyArn},
	}})
}

// StateProject is the Pulumi project whose stacks the state bucket holds ("name: tenk" in
// Pulumi.yaml); the DIY backend keeps a project's stacks under .pulumi/stacks/<project>/.
const StateProject = "tenk"

// PreviewStack is the one stack pull requests preview (ci.yml): the preview role, which any
// same-repository pull request can assume, reads its state and no other stack's. Prod is
// previewed on main only, by deploy.yml's prod-preview job with the drift role.
const PreviewStack = "dev"

// StackStatePaths are the objects of the state bucket a `pulumi preview` of stack reads on the
// DIY backend in project mode (pkg/v3 v3.274.1 backend/diy): .pulumi/meta.yaml (meta.go, at
// login), the checkpoint .pulumi/stacks/<project>/<stack>.json or its .gz/.zst variant
// (store.go StackBasePath, state.go stackPath), the stack's tags file <stack>.pulumi-tags
// (stack_tags.go, loaded with the checkpoint) and its update history under
// .pulumi/history/<project>/<stack>/ (state.go getHistory: `pulumi stack history`, the last
// deployment's configuration).
func StackStatePaths(project, stack string) []string {
	base := ".pulumi/stacks/" + project + "/" + stack
	return []string{".pulumi/meta.yaml", base + ".json", base + ".json.gz", base + ".json.zst", base + ".pulumi-tags",
		".pulumi/history/" + project + "/" + stack + "/*"}
}

// StackStateReadPolicy is StateReadPolicy narrowed to one stack's objects (StackStatePaths): the
// preview role's state access. Listing stays bucket-wide (the backend lists .pulumi/stacks/ at
// login and each stack's history folder): object names and dates, no contents. kms:Decrypt is
// the key's, not the stack's: it also opens another stack's data key (encryptedkey: in its
// committed Pulumi.<stack>.yaml), but never that stack's state, which this policy cannot read.
func StackStateReadPolicy(bucketArn, keyArn, project, stack string) string {
	var objects []string
	for _, p := range StackStatePaths(project, stack) {
		objects = append(objects, bucketArn+"/"+p)
	}
	return mustJSON(document{Version: "2012-10-17", Statement: []statement{
		{Sid: "ListState", Effect: "Allow", Action: []string{"s3:ListBucket", "s3:GetBucketLocation"}, Resource: bucketArn},
		{Sid: "ReadOneStacksState", Effect: "Allow", Action: "s3:GetObject", Resource: objects},
		{Sid: "DecryptState", Effect: "Allow", Action: []string{"kms:Decrypt", "kms:DescribeKey"}, Resource: keyArn},
	}})
}

// E2EStatePrefix is the folder of the state bucket that holds the acceptance test's throwaway
// stacks: the DIY backend opens s3://<bucket>/<path> as a bucket prefixed with <path>/
// (pkg/backend/diy/backend.go v3.274.1, blob.PrefixedBucket), so e2e state never mixes with the
// team's .pulumi/ tree.
const E2EStatePrefix = "e2e"

// E2EStatePolicy lets the e2e role use only the e2e/ part of the state bucket, with the key.
func E2EStatePolicy(bucketArn, keyArn string) string {
	return mustJSON(document{Version: "2012-10-17", Statement: []statement{
		{Sid: "ListState", Effect: "Allow", Action: []string{"s3:ListBucket", "s3:GetBucketLocation"}, Resource: bucketArn},
		{Sid: "ReadWriteE2EState", Effect: "Allow", Action: []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject"}, Resource: bucketArn + "/" + E2EStatePrefix + "/*"},
		{Sid: "UseStateKey", Effect: "Allow", Action: []string{"kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"}, Resource: keyArn},
	}})
}

// Guarded are what the e2e role, an administrator of the account for its throwaway stack, must
// not change by mistake: the team's state, the bucket's and key's settings, and the CI roles and
// policies (changing a trust policy or a policy version would hand their power to any job).
type Guarded struct {
	// BucketArn and KeyArn are the state bucket and the secrets key.
	BucketArn, KeyArn string
	// AliasArn is the secrets key's alias ("arn:aws:kms:<region>:<account>:alias/<name>").
	AliasArn string
	// RoleArns are every CI role, the e2e role included.
	RoleArns []string
	// PolicyArns are the customer-managed policies the CI roles hold.
	PolicyArns []string
	// ProviderArn is GitHub's OIDC provider.
	ProviderArn string
}

// E2EGuardPolicy denies the e2e role's own calls every change to what g names. An explicit Deny
// wins over AdministratorAccess (IAM User Guide, "Policy evaluation logic"), but only for this
// role: it guards against a test that goes wrong, it is no boundary. An administrator can create
// another principal (an IAM user or role with AdministratorAccess) that no Deny here names and
// act through it, and it reads every stack's state (GetObject) and decrypts it with the key its
// own stacks need. A boundary is a separate AWS account for e2e (README "Team setup").
func E2EGuardPolicy(g Guarded) string {
	return mustJSON(document{Version: "2012-10-17", Statement: []statement{
		{Sid: "TeamStateIsReadOnly", Effect: "Deny",
			Action:   []string{"s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectAcl", "s3:PutObjectRetention", "s3:PutObjectLegalHold", "s3:RestoreObject"},
			Resource: g.BucketArn + "/.pulumi/*"},
		{Sid: "BucketSettingsStay", Effect: "Deny",
			Action: []string{"s3:DeleteBucket", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketVersioning",
				"s3:PutLifecycleConfiguration", "s3:PutEncryptionConfiguration", "s3:PutBucketPublicAccessBlock",
				"s3:PutBucketOwnershipControls", "s3:PutBucketAcl", "s3:PutBucketObjectLockConfiguration"},
			Resource: g.BucketArn},
		{Sid: "KeyStays", Effect: "Deny",
			Action: []string{"kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:DisableKeyRotation", "kms:PutKeyPolicy",
				"kms:DeleteAlias", "kms:UpdateAlias", "kms:CreateAlias", "kms:CreateGrant", "kms:RevokeGrant", "kms:RetireGrant"},
			Resource: []string{g.KeyArn, g.AliasArn}},
		{Sid: "CIRolesStay", Effect: "Deny",
			Action: []string{"iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:DeleteRole",
				"iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
				"iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", "iam:TagRole", "iam:UntagRole"},
			Resource: g.RoleArns},
		{Sid: "CIPoliciesStay", Effect: "Deny",
			Action:   []string{"iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicyVersion", "iam:DeletePolicy"},
			Resource: g.PolicyArns},
		{Sid: "OIDCProviderStays", Effect: "Deny",
			Action: []string{"iam:DeleteOpenIDConnectProvider", "iam:UpdateOpenIDConnectProviderThumbprint",
				"iam:AddClientIDToOpenIDConnectProvider", "iam:RemoveClientIDFromOpenIDConnectProvider", "iam:TagOpenIDConnectProvider"},
			Resource: g.ProviderArn},
	}})
}

// GitHubOIDCProviderURL is GitHub Actions' token issuer.
const GitHubOIDCProviderURL = "token.actions.githubusercontent.com"

// GitHubTrustPolicy lets GitHub Actions runs whose OIDC subject is exactly subject assume a role,
// with the audience aws-actions/configure-aws-credentials requests (GitHub docs, "Configuring
// OpenID Connect in Amazon Web Services": sub and aud conditions).
func GitHubTrustPolicy(providerArn, subject string) string {
	return mustJSON(document{Version: "2012-10-17", Statement: []statement{{
		Effect:    "Allow",
		Principal: map[string]string{"Federated": providerArn},
		Action:    "sts:AssumeRoleWithWebIdentity",
		Condition: map[string]any{"StringEquals": map[string]string{
			GitHubOIDCProviderURL + ":aud": "sts.amazonaws.com",
			GitHubOIDCProviderURL + ":sub": subject,
		}},
	}}})
}

// Subjects of GitHub's OIDC token: a job that names an environment carries
// "repo:<owner>/<name>:environment:<env>", a pull-request job "repo:<owner>/<name>:pull_request",
// and any other job on a branch (a schedule runs on the default branch)
// "repo:<owner>/<name>:ref:refs/heads/<branch>".
func environmentSubject(repo, env string) string { return "repo:" + repo + ":environment:" + env }
func pullRequestSubject(repo string) string      { return "repo:" + repo + ":pull_request" }
func branchSubject(repo, branch string) string   { return "repo:" + repo + ":ref:refs/heads/" + branch }
