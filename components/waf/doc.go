// Package waf provides WebAcl (tenk:waf:WebAcl): an AWS WAF web ACL of CLOUDFRONT scope, in
// us-east-1, for a CloudFront distribution such as StaticAssetsCdn's (pass its Arn as
// StaticAssetsCdnArgs.WebACLArn). It blocks with AWS managed rule groups (IP reputation, the
// common rule set, known bad inputs) and a per-IP rate limit, sends metrics and sampled requests
// to CloudWatch, and alarms on the number of blocked requests.
//
// It is a package of its own because the pulumi-aws wafv2 package is one of the largest in the
// SDK: embedding StaticAssetsCdn alone does not compile it.
package waf
