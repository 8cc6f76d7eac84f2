package main

import (
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
)

// Name is the package name every SDK is generated under; with each component's module it gives
// the Go library's own type tokens (tenk:web:MultiAZWebTier), so a resource is the same resource
// whichever language created it.
const Name = "tenk"

// Provider serves every tenk component to Pulumi programs in any language.
func Provider() (p.Provider, error) {
	return infer.NewProviderBuilder().
		WithNamespace("tenkstack").
		WithDisplayName("tenk").
		WithDescription("AWS architecture for a web application past 10,000 users: VPC, multi-AZ web tier, RDS with replicas, CloudFront with private S3, DynamoDB sessions, ElastiCache, AWS WAF.").
		WithKeywords("aws", "cloudfront", "rds", "elasticache", "dynamodb", "autoscaling", "category/cloud", "kind/component").
		WithRepository("https://github.com/tenkstack/tenk").
		WithGoImportPath("github.com/tenkstack/tenk/provider/sdk/go/tenk").
		WithLicense("Apache-2.0").
		WithComponents(
			infer.ComponentF(constructNetwork),
			infer.ComponentF(constructMultiAZWebTier),
			infer.ComponentF(constructRdsWithReplicas),
			infer.ComponentF(constructStaticAssetsCdn),
			infer.ComponentF(constructSessionTable),
			infer.ComponentF(constructCacheCluster),
			infer.ComponentF(constructAlarmTopic),
			infer.ComponentF(constructAppConfig),
			infer.ComponentF(constructWebAcl),
			infer.ComponentF(constructDashboard),
		).
		Build()
}
