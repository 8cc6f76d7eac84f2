package main

import (
	"fmt"
	"strings"
)

// configReads are the read-only calls a `pulumi preview` or `pulumi refresh` of a tenk stack makes:
// the AWS provider's Read of every resource type tenk registers, and the program's lookups
// (availability zones, instance-type offerings, engine versions, prefix lists, security groups).
// They read configuration, never data: DynamoDB items (GetItem, Query, Scan), S3 objects, log
// events, WAF request samples and secret values are left out on purpose (ReadOnlyAccess grants
// them all). TestReadRolesCoverEveryResourceTypeTheStacksRegister keeps this list complete.
var configReads = []string{
	"acm:DescribeCertificate", "acm:ListCertificates", "acm:ListTagsForCertificate",
	"application-autoscaling:Describe*", "application-autoscaling:ListTagsForResource",
	"autoscaling:Describe*",
	"cloudfront:Get*", "cloudfront:List*", "cloudfront:Describe*",
	"cloudwatch:Describe*", "cloudwatch:GetDashboard", "cloudwatch:ListDashboards", "cloudwatch:ListTagsForResource",
	"dynamodb:Describe*", "dynamodb:ListTables", "dynamodb:ListTagsOfResource", "dynamodb:GetResourcePolicy",
	"ec2:Describe*", "ec2:GetManagedPrefixListEntries", "ec2:GetSecurityGroupsForVpc",
	// An application image's tag lookup (ecr.getImage) and the built image's repository; the
	// build's registry login (ecr.getAuthorizationToken) runs in every preview of a stack with
	// tenk:app.build. The token pulls nothing: these roles hold no ecr:BatchGetImage.
	"ecr:DescribeImages", "ecr:DescribeRepositories", "ecr:GetAuthorizationToken", "ecr:GetLifecyclePolicy", "ecr:GetRepositoryPolicy", "ecr:ListTagsForResource",
	"elasticache:Describe*", "elasticache:ListTagsForResource",
	"elasticloadbalancing:Describe*",
	"iam:Get*", "iam:List*",
	// The web tier's rollout function (lambda.Function's Read: GetFunction, its code-signing
	// config and concurrency, ListVersionsByFunction, ListTags); it never invokes it.
	"lambda:GetFunction*", "lambda:ListVersionsByFunction", "lambda:ListTags",
	"kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListAliases", "kms:ListKeys", "kms:ListResourceTags",
	"logs:Describe*", "logs:ListTagsForResource", "logs:ListTagsLogGroup", "logs:GetDelivery", "logs:GetDeliveryDestination",
	"logs:GetDeliveryDestinationPolicy", "logs:GetDeliverySource", "logs:GetDataProtectionPolicy",
	"rds:Describe*", "rds:ListTagsForResource",
	"route53:Get*", "route53:List*",
	"s3:GetBucket*", "s3:GetEncryptionConfiguration", "s3:GetLifecycleConfiguration", "s3:GetReplicationConfiguration",
	"s3:GetAccelerateConfiguration", "s3:GetAnalyticsConfiguration", "s3:GetInventoryConfiguration",
	"s3:GetMetricsConfiguration", "s3:GetIntelligentTieringConfiguration", "s3:ListAllMyBuckets",
	// HeadBucket, the bucket's existence check on every read, is authorised as s3:ListBucket
	// (S3 API Reference, HeadBucket, "Permissions"): keys become listable, contents stay closed.
	"s3:ListBucket",
	"secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy", "secretsmanager:ListSecretVersionIds", "secretsmanager:ListSecrets",
	"sns:GetTopicAttributes", "sns:GetSubscriptionAttributes", "sns:ListSubscriptionsByTopic", "sns:ListTagsForResource",
	"sns:GetDataProtectionPolicy", "sns:ListTopics",
	"ssm:DescribeParameters", "ssm:ListTagsForResource",
	"sts:GetCallerIdentity",
	"tag:GetResources",
	"wafv2:GetWebACL", "wafv2:GetWebACLForResource", "wafv2:GetLoggingConfiguration", "wafv2:ListWebACLs",
	"wafv2:ListTagsForResource", "wafv2:ListResourcesForWebACL", "wafv2:DescribeManagedRuleGroup",
	"wafv2:ListAvailableManagedRuleGroups", "wafv2:ListAvailableManagedRuleGroupVersions",
}

// TenkNamePrefix starts the names tenk's stacks give their secrets ("tenk-db-credentials-…",
// "tenk-cache-auth-…"): the drift role may read those secrets' values, no other secret's.
const TenkNamePrefix = "tenk-"

// AssetsBucketPrefix starts the name of the stacks' static-assets bucket (tenk:cdn:StaticAssetsCdn
// "tenk-cdn", its bucket "tenk-cdn-bucket-<random>"): public content CloudFront serves anyway.
// The access-log bucket ("tenk-cdn-logs-…") holds viewers' addresses and stays unreadable.
const AssetsBucketPrefix = "tenk-cdn-bucket-"

// publicParameters are AWS's public SSM parameters (the web tier's AMI lookup,
// aws:ssm/getParameter, runs in every preview).
const publicParameters = "arn:aws:ssm:*::parameter/aws/service/*"

// ConfigReadPolicy is what the preview and drift roles hold instead of ReadOnlyAccess: configReads
// on every resource and the program's lookups (invokes), among them AWS's public AMI parameters.
// It reads no value: a preview diffs the program against the state and never calls a resource's
// Read, so the preview role, which any same-repository pull request can assume, needs nothing
// more.
func ConfigReadPolicy() string {
	return mustJSON(document{Version: "2012-10-17", Statement: []statement{
		{Sid: "ReadConfiguration", Effect: "Allow", Action: configReads, Resource: "*"},
		{Sid: "ReadPublicParameters", Effect: "Allow", Action: []string{"ssm:GetParameter", "ssm:GetParameters"},
			Resource: publicParameters},
	}})
}

// RefreshValuesPolicy is what the drift role holds besides ConfigReadPolicy: the three reads of
// values a refresh of tenk's own resources makes: the secret versions tenk writes
// (secretsmanager.SecretVersion's Read calls GetSecretValue), its SSM settings (ssm.Parameter's
// Read calls GetParameter), and the static assets it uploads (s3.BucketObjectv2's Read calls
// HeadObject, authorised as s3:GetObject). The preview role never holds it: a preview does not
// refresh. account is the AWS account ID the secrets and parameters belong to.
func RefreshValuesPolicy(account string) string {
	return mustJSON(document{Version: "2012-10-17", Statement: []statement{
		{Sid: "ReadTenkSecretValues", Effect: "Allow", Action: "secretsmanager:GetSecretValue",
			Resource: fmt.Sprintf("arn:aws:secretsmanager:*:%s:secret:%s*", account, TenkNamePrefix)},
		{Sid: "ReadTenkSettings", Effect: "Allow", Action: []string{"ssm:GetParameter", "ssm:GetParameters"},
			Resource: fmt.Sprintf("arn:aws:ssm:*:%s:parameter/tenk/*", account)},
		{Sid: "ReadTenkStaticAssets", Effect: "Allow", Action: []string{"s3:GetObject", "s3:GetObjectTagging"},
			Resource: "arn:aws:s3:::" + AssetsBucketPrefix + "*/*"},
	}})
}

// accountOf is the account field of an ARN ("arn:aws:kms:eu-west-1:123456789012:key/…").
func accountOf(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 5 {
		return ""
	}
	return parts[4]
}

// aliasArn is the ARN of alias (such as "alias/tenk-pulumi-secrets") next to keyArn.
func aliasArn(keyArn, alias string) string {
	if i := strings.LastIndex(keyArn, ":"); i >= 0 {
		return keyArn[:i+1] + alias
	}
	return alias
}
