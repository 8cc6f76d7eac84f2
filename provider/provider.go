package main

import (
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
)

// Name is the package name every SDK is generated under; with each component's module it gives
// the Go library's own type tokens (tenk:web:MultiAZWebTier), so a resource is the same resource
// whichever language created it.
const Name = "tenk"

// The names each SDK is published and imported under, chosen once here (README, "Use tenk from
// TypeScript, Python or YAML"); the SDK check in sdkcheck/ generates every SDK and asserts them.
// Each is what Pulumi's generators derive from the namespace anyway, written out so that a
// change of namespace cannot rename a published package silently.
const (
	// Namespace is the publisher: `pulumi package add` writes the SDK to sdks/tenkstack-tenk.
	Namespace = "tenkstack"
	// NpmPackage is the Node.js SDK's package name (`import * as tenk from "@tenkstack/tenk"`).
	NpmPackage = "@tenkstack/tenk"
	// PythonPackage is the Python SDK's distribution and import name (`import tenkstack_tenk as tenk`).
	PythonPackage = "tenkstack_tenk"
	// DotnetRootNamespace makes the .NET SDK's package and namespace Tenkstack.Tenk.
	DotnetRootNamespace = "Tenkstack"
	// GoImportBase is the Go SDK's import path; its module is the path's parent directory. It is
	// the path Pulumi derives from the repository, so that the import `pulumi package add` prints
	// for Go (pulumi pkg/codegen/go ExtractImportBasePath) is the one the SDK has.
	GoImportBase = "github.com/tenkstack/tenk/sdk/go/tenk"
)

// Provider serves every tenk component to Pulumi programs in any language.
func Provider() (p.Provider, error) {
	prov, err := infer.NewProviderBuilder().
		WithNamespace(Namespace).
		// The settings infer's builder defaults to (pulumi-go-provider v1.5.0
		// infer/provider_builder.go), plus the package names.
		WithLanguageMap(map[string]any{
			"nodejs": map[string]any{"packageName": NpmPackage, "respectSchemaVersion": true},
			"python": map[string]any{"packageName": PythonPackage, "respectSchemaVersion": true, "pyproject": map[string]any{"enabled": true}},
			"csharp": map[string]any{"rootNamespace": DotnetRootNamespace, "respectSchemaVersion": true},
			"go":     map[string]any{"generateResourceContainerTypes": true, "respectSchemaVersion": true},
		}).
		WithDisplayName("tenk").
		WithDescription("AWS architecture for a web application past 10,000 users: VPC, multi-AZ web tier, RDS with replicas, CloudFront with private S3, DynamoDB sessions, ElastiCache, AWS WAF.").
		WithKeywords("aws", "cloudfront", "rds", "elasticache", "dynamodb", "autoscaling", "category/cloud", "kind/component").
		WithRepository("https://github.com/tenkstack/tenk").
		WithGoImportPath(GoImportBase).
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
	if err != nil {
		return p.Provider{}, err
	}
	return withCollectionRule(prov), nil
}
