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
