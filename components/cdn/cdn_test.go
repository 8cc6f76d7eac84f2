package cdn_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/cdn"
	"github.com/tenkstack/tenk/internal/fielderr"
	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/testkit"
)

const (
	tBucket       = "aws:s3/bucketV2:BucketV2"
	tPublicAccess = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	tOwnership    = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
	tEncryption   = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	tVersioning   = "aws:s3/bucketVersioningV2:BucketVersioningV2"
	tLifecycle    = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
	tCors         = "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2"
	tPolicy       = "aws:s3/bucketPolicy:BucketPolicy"
	tObject       = "aws:s3/bucketObjectv2:BucketObjectv2"
	tOAC          = "aws:cloudfront/originAccessControl:OriginAccessControl"
	tDistribution = "aws:cloudfront/distribution:Distribution"
	tVpcOrigin    = "aws:cloudfront/vpcOrigin:VpcOrigin"
	tCachePolicy  = "aws:cloudfront/cachePolicy:CachePolicy"
	tCertificate  = "aws:acm/certificate:Certificate"
	tValidation   = "aws:acm/certificateValidation:CertificateValidation"
	tRecord       = "aws:route53/record:Record"
	tLogSource    = "aws:cloudwatch/logDeliverySource:LogDeliverySource"
	tLogDest      = "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination"
	tLogDelivery  = "aws:cloudwatch/logDelivery:LogDelivery"
	tProvider     = "pulumi:providers:aws"

	albDNS = "web-alb-123456.us-east-1.elb.amazonaws.com"
	albArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
)

func build(t *testing.T, args *cdn.StaticAssetsCdnArgs) (*testkit.Mocks, *cdn.StaticAssetsCdn) {
	t.Helper()
	return testkit.Build(t, func(ctx *pulumi.Context) (*cdn.StaticAssetsCdn, error) {
		return cdn.NewStaticAssetsCdn(ctx, "cdn", args)
	})
}

func named(t *testing.T, m *testkit.Mocks, typ, name string) testkit.Resource {
	t.Helper()
	r, ok := m.Named(typ, name)
	require.True(t, ok, "%s %s not registered", typ, name)
	return r
}

func distributionOf(t *testing.T, m *testkit.Mocks) testkit.Resource {
	t.Helper()
	return named(t, m, tDistribution, "cdn-distribution")
}

// policy is the parsed bucket policy.
type policy struct {
	Version   string
	Statement []struct {
		Sid       string
		Effect    string
		Principal any
		Action    any
		Resource  any
		Condition map[string]map[string]any
	}
}

func parsePolicy(t *testing.T, r testkit.Resource) policy {
	t.Helper()
	var p policy
	require.NoError(t, json.Unmarshal([]byte(r.String("policy")), &p), "policy of %s", r.Name)
	return p
}

func asStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, item := range x {
			s, _ := item.(string)
			out = append(out, s)
		}
		return out
	}
	return nil
}

func TestDefaultsAreProductionGrade(t *testing.T) {
	m, c := build(t, nil)

	bucket := named(t, m, tBucket, "cdn-bucket")
	assert.False(t, bucket.Bool("forceDestroy"))
	assert.False(t, bucket.Protect)
	assert.False(t, bucket.Has("acl"), "no ACL on a BucketOwnerEnforced bucket")

	pab := named(t, m, tPublicAccess, "cdn-bucket-public-access")
	for _, flag := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		assert.True(t, pab.Bool(flag), flag)
	}
	assert.Equal(t, "BucketOwnerEnforced", named(t, m, tOwnership, "cdn-bucket-ownership").String("rule.objectOwnership"))
	assert.Equal(t, "AES256", named(t, m, tEncryption, "cdn-bucket-encryption").String("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"))
	assert.Equal(t, "Enabled", named(t, m, tVersioning, "cdn-bucket-versioning").String("versioningConfiguration.status"))
	lifecycle := named(t, m, tLifecycle, "cdn-bucket-lifecycle")
	assert.Equal(t, "expire-noncurrent-versions", lifecycle.String("rules.1.id"))
	assert.Equal(t, float64(30), lifecycle.Number("rules.1.noncurrentVersionExpiration.noncurrentDays"))
	assert.Equal(t, float64(7), lifecycle.Number("rules.0.abortIncompleteMultipartUpload.daysAfterInitiation"))
	assert.Contains(t, lifecycle.Dependencies, named(t, m, tVersioning, "cdn-bucket-versioning").URN)
	assert.Empty(t, m.ByType(tCors), "no CORS configuration unless asked")

	d := distributionOf(t, m)
	assert.True(t, d.Bool("enabled"))
	assert.Equal(t, "http2and3", d.String("httpVersion"))
	assert.True(t, d.Bool("isIpv6Enabled"))
	assert.Equal(t, cdn.PriceClassAll, d.String("priceClass"))
	assert.Equal(t, "index.html", d.String("defaultRootObject"))
	assert.Equal(t, "assets", d.String("defaultCacheBehavior.targetOriginId"))
	assert.Equal(t, "redirect-to-https", d.String("defaultCacheBehavior.viewerProtocolPolicy"))
	assert.Equal(t, cdn.CachingOptimizedPolicyID, d.String("defaultCacheBehavior.cachePolicyId"))
	assert.Equal(t, cdn.SecurityHeadersPolicyID, d.String("defaultCacheBehavior.responseHeadersPolicyId"))
	assert.Equal(t, []string{"GET", "HEAD"}, d.Strings("defaultCacheBehavior.allowedMethods"))
	assert.True(t, d.Bool("defaultCacheBehavior.compress"))
	assert.False(t, d.Has("orderedCacheBehaviors.0"))
	assert.True(t, d.Bool("viewerCertificate.cloudfrontDefaultCertificate"))
	assert.False(t, d.Has("aliases.0"))
	assert.Equal(t, "none", d.String("restrictions.geoRestriction.restrictionType"))
	assert.False(t, d.Has("webAclId"))
	assert.Len(t, originsOf(d), 1)

	assert.Equal(t, "https://dcdndistribution.cloudfront.net", testkit.Await(t, c.URL))
	assert.Equal(t, providers.CloudFrontHostedZoneID, testkit.Await(t, c.HostedZoneID))
	assert.Equal(t, "cdn-distribution-id", testkit.Await(t, c.DistributionID))
	assert.Equal(t, "arn:aws:cloudfront::123456789012:distribution/cdn-distribution-id", testkit.Await(t, c.DistributionArn))
	assert.Equal(t, "cdn-bucket-bucket", testkit.Await(t, c.BucketName))
	assert.Equal(t, "arn:aws:s3:::cdn-bucket-bucket", testkit.Await(t, c.BucketArn))
	assert.Equal(t, "dcdndistribution.cloudfront.net", testkit.Await(t, c.DomainName))

	// Access logs are on by default, so a us-east-1 provider exists for the log delivery.
	providers := m.ByType(tProvider)
	require.Len(t, providers, 1)
	assert.Equal(t, "us-east-1", providers[0].String("region"))
	require.NotNil(t, c.LogBucket)
}

func TestBucketPolicyDeniesPlainHTTPAndAdmitsOnlyThisDistribution(t *testing.T) {
	m, c := build(t, nil)
	bucketArn := testkit.Await(t, c.BucketArn).(string)
	distArn := testkit.Await(t, c.DistributionArn).(string)

	policies := m.ByType(tPolicy)
	require.Len(t, policies, 2, "one policy per bucket (assets, logs)")
	r := named(t, m, tPolicy, "cdn-bucket-policy")
	assert.Equal(t, "cdn-bucket-id", r.String("bucket"))
	assert.Contains(t, r.Dependencies, named(t, m, tPublicAccess, "cdn-bucket-public-access").URN, "the policy waits for the public access block")
	assert.Contains(t, r.Dependencies, named(t, m, tOwnership, "cdn-bucket-ownership").URN)

	p := parsePolicy(t, r)
	assert.Equal(t, "2012-10-17", p.Version)
	require.Len(t, p.Statement, 2)

	deny := p.Statement[0]
	assert.Equal(t, "Deny", deny.Effect)
	assert.Equal(t, "*", deny.Principal)
	assert.Equal(t, []string{"s3:*"}, asStrings(deny.Action))
	assert.ElementsMatch(t, []string{bucketArn, bucketArn + "/*"}, asStrings(deny.Resource))
	assert.Equal(t, "false", deny.Condition["Bool"]["aws:SecureTransport"])

	allow := p.Statement[1]
	assert.Equal(t, "Allow", allow.Effect)
	assert.Equal(t, map[string]any{"Service": "cloudfront.amazonaws.com"}, allow.Principal)
	assert.Equal(t, []string{"s3:GetObject"}, asStrings(allow.Action))
	assert.Equal(t, []string{bucketArn + "/*"}, asStrings(allow.Resource))
	assert.Equal(t, distArn, allow.Condition["StringEquals"]["AWS:SourceArn"])
	assert.Len(t, allow.Condition, 1, "no other condition widens or narrows the grant")
}

func TestOriginAccessControlWiring(t *testing.T) {
	m, _ := build(t, nil)
	oacs := m.ByType(tOAC)
	require.Len(t, oacs, 1)
	oac := oacs[0]
	assert.Equal(t, "cdn-oac", oac.Name)
	assert.Equal(t, "s3", oac.String("originAccessControlOriginType"))
	assert.Equal(t, "always", oac.String("signingBehavior"))
	assert.Equal(t, "sigv4", oac.String("signingProtocol"))

	d := distributionOf(t, m)
	assert.Equal(t, "assets", d.String("origins.0.originId"))
	assert.Equal(t, "cdn-oac-id", d.String("origins.0.originAccessControlId"))
	// The REST endpoint, not the website endpoint: OAC only signs requests to the former.
	assert.Equal(t, "cdn-bucket-bucket.s3.us-east-1.amazonaws.com", d.String("origins.0.domainName"))
	assert.False(t, d.Has("origins.0.customOriginConfig"))
	assert.False(t, d.Has("origins.0.s3OriginConfig.originAccessIdentity"), "no legacy OAI")
}

func TestDynamicOriginOverHTTP(t *testing.T) {
	m, _ := build(t, &cdn.StaticAssetsCdnArgs{
		DynamicOrigin: &cdn.DynamicOrigin{DomainName: pulumi.String(albDNS)},
	})
	d := distributionOf(t, m)
	require.Len(t, originsOf(d), 2)
	assert.Equal(t, "app", d.String("origins.1.originId"))
	assert.Equal(t, albDNS, d.String("origins.1.domainName"))
	assert.Equal(t, "http-only", d.String("origins.1.customOriginConfig.originProtocolPolicy"))
	assert.Equal(t, float64(80), d.Number("origins.1.customOriginConfig.httpPort"))
	assert.Equal(t, float64(443), d.Number("origins.1.customOriginConfig.httpsPort"))

	assert.Equal(t, "app", d.String("defaultCacheBehavior.targetOriginId"))
	assert.Equal(t, cdn.CachingDisabledPolicyID, d.String("defaultCacheBehavior.cachePolicyId"))
	assert.Equal(t, cdn.AllViewerExceptHostHeaderPolicyID, d.String("defaultCacheBehavior.originRequestPolicyId"))
	assert.ElementsMatch(t, []string{"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"}, d.Strings("defaultCacheBehavior.allowedMethods"))
	assert.Equal(t, "redirect-to-https", d.String("defaultCacheBehavior.viewerProtocolPolicy"))
	assert.False(t, d.Has("defaultRootObject"), "the app serves /")

	assert.Equal(t, "/static/*", d.String("orderedCacheBehaviors.0.pathPattern"))
	assert.Equal(t, "assets", d.String("orderedCacheBehaviors.0.targetOriginId"))
	assert.Equal(t, cdn.CachingOptimizedPolicyID, d.String("orderedCacheBehaviors.0.cachePolicyId"))
	assert.False(t, d.Has("orderedCacheBehaviors.0.originRequestPolicyId"))
	assert.Equal(t, "redirect-to-https", d.String("orderedCacheBehaviors.0.viewerProtocolPolicy"))
	assert.False(t, d.Has("orderedCacheBehaviors.1"))
	assert.Empty(t, m.ByType(tVpcOrigin))
}

func TestDynamicOriginOverHTTPSWithPathPatterns(t *testing.T) {
	m, _ := build(t, &cdn.StaticAssetsCdnArgs{
		DynamicOrigin: &cdn.DynamicOrigin{
			DomainName:         pulumi.String("origin.example.com"),
			HTTPS:              true,
			HTTPSPort:          8443,
			StaticPathPatterns: []string{"/assets/*", "/favicon.ico", "*.js"},
		},
	})
	d := distributionOf(t, m)
	assert.Equal(t, "https-only", d.String("origins.1.customOriginConfig.originProtocolPolicy"))
	assert.Equal(t, float64(8443), d.Number("origins.1.customOriginConfig.httpsPort"))
	assert.Equal(t, []string{"TLSv1.2"}, d.Strings("origins.1.customOriginConfig.originSslProtocols"))
	for i, p := range []string{"/assets/*", "/favicon.ico", "*.js"} {
		prefix := "orderedCacheBehaviors." + string(rune('0'+i)) + "."
		assert.Equal(t, p, d.String(prefix+"pathPattern"), "order is kept")
		assert.Equal(t, "assets", d.String(prefix+"targetOriginId"))
	}
}

func TestInternalLoadBalancerThroughVPCOrigin(t *testing.T) {
	m, _ := build(t, &cdn.StaticAssetsCdnArgs{
		DynamicOrigin: &cdn.DynamicOrigin{
			DomainName:      pulumi.String("internal-web-alb-123.us-east-1.elb.amazonaws.com"),
			VPCOrigin:       true,
			LoadBalancerArn: pulumi.String(albArn),
		},
	})
	vo := named(t, m, tVpcOrigin, "cdn-vpc-origin")
	assert.Equal(t, albArn, vo.String("vpcOriginEndpointConfig.arn"))
	assert.Equal(t, "http-only", vo.String("vpcOriginEndpointConfig.originProtocolPolicy"))
	assert.Equal(t, float64(80), vo.Number("vpcOriginEndpointConfig.httpPort"))
	assert.Equal(t, "tenk-test-cdn-http", vo.String("vpcOriginEndpointConfig.name"))
	assert.Equal(t, []string{"TLSv1.2"}, vo.Strings("vpcOriginEndpointConfig.originSslProtocols.items"))
	// A VPC origin's protocol policy does not change in place (the update hangs): a change
	// replaces it, and the new one is created, under another name, before the old is deleted.
	assert.Contains(t, vo.ReplaceOnChanges, "vpcOriginEndpointConfig.originProtocolPolicy")

	d := distributionOf(t, m)
	assert.Equal(t, "app", d.String("origins.1.originId"))
	assert.Equal(t, "cdn-vpc-origin-id", d.String("origins.1.vpcOriginConfig.vpcOriginId"))
	assert.False(t, d.Has("origins.1.customOriginConfig"), "a VPC origin replaces the custom origin config")
	assert.Equal(t, "app", d.String("defaultCacheBehavior.targetOriginId"))
	assert.Equal(t, "/static/*", d.String("orderedCacheBehaviors.0.pathPattern"))
}

func TestHTTPSThroughVPCOriginUsesTheOriginName(t *testing.T) {
	m, site := build(t, &cdn.StaticAssetsCdnArgs{
		DynamicOrigin: &cdn.DynamicOrigin{
			DomainName:      pulumi.String("origin.example.com"),
			HTTPS:           true,
			VPCOrigin:       true,
			LoadBalancerArn: pulumi.String(albArn),
		},
	})
	vo := named(t, m, tVpcOrigin, "cdn-vpc-origin")
	assert.Equal(t, "https-only", vo.String("vpcOriginEndpointConfig.originProtocolPolicy"))
	assert.Equal(t, float64(443), vo.Number("vpcOriginEndpointConfig.httpsPort"))
	assert.Equal(t, []string{"TLSv1.2"}, vo.Strings("vpcOriginEndpointConfig.originSslProtocols.items"))
	assert.Equal(t, "tenk-test-cdn-https", vo.String("vpcOriginEndpointConfig.name"), "another name than the http-only origin it replaces")
	d := distributionOf(t, m)
	// CloudFront connects to the ALB through the VPC origin and checks its certificate against
	// the origin's domain name.
	assert.Equal(t, "origin.example.com", d.String("origins.1.domainName"))
	require.NotNil(t, site.VpcOrigin, "the handle a caller orders the ALB's security-group lookup after")
}

func TestCustomDomainIssuesAValidatedCertificateInUsEast1(t *testing.T) {
	m, c := build(t, &cdn.StaticAssetsCdnArgs{
		AccessLogs: pulumi.BoolRef(false),
		Domain: &cdn.CustomDomain{
			Names:        []string{"example.com", "www.example.com", "*.example.com"},
			HostedZoneID: pulumi.String("Z0123456789ABC"),
		},
	})

	made := m.ByType(tProvider)
	require.Len(t, made, 1, "the component makes its own us-east-1 provider")
	provider := made[0]
	assert.Equal(t, "cdn-us-east-1", provider.Name)
	assert.Equal(t, "us-east-1", provider.String("region"))

	cert := named(t, m, tCertificate, "cdn-certificate")
	assert.True(t, strings.HasPrefix(cert.Provider, provider.URN+"::"), "certificate provider %q", cert.Provider)
	assert.Equal(t, "example.com", cert.String("domainName"))
	assert.Equal(t, []string{"www.example.com", "*.example.com"}, cert.Strings("subjectAlternativeNames"))
	assert.Equal(t, "DNS", cert.String("validationMethod"))

	// *.example.com shares example.com's validation record: two distinct names, two records.
	var validation []testkit.Resource
	for _, r := range m.ByType(tRecord) {
		if strings.Contains(r.Name, "-validation-") {
			validation = append(validation, r)
		}
	}
	require.Len(t, validation, 2)
	apex := named(t, m, tRecord, "cdn-validation-example-com")
	assert.Equal(t, "_x1.example.com.", apex.String("name"))
	assert.Equal(t, "CNAME", apex.String("type"))
	assert.Equal(t, []string{"_x2.example.com.acm-validations.aws."}, apex.Strings("records"))
	assert.Equal(t, "Z0123456789ABC", apex.String("zoneId"))
	www := named(t, m, tRecord, "cdn-validation-www-example-com")
	assert.Equal(t, "_x1.www.example.com.", www.String("name"))

	v := named(t, m, tValidation, "cdn-certificate-validation")
	assert.True(t, strings.HasPrefix(v.Provider, provider.URN+"::"))
	assert.Equal(t, "arn:aws:acm:us-east-1:123456789012:certificate/cdn-certificate", v.String("certificateArn"))
	assert.ElementsMatch(t, []string{"_x1.example.com", "_x1.www.example.com"}, v.Strings("validationRecordFqdns"))

	d := distributionOf(t, m)
	assert.Equal(t, []string{"example.com", "www.example.com", "*.example.com"}, d.Strings("aliases"))
	assert.Equal(t, "arn:aws:acm:us-east-1:123456789012:certificate/cdn-certificate", d.String("viewerCertificate.acmCertificateArn"))
	assert.Equal(t, "sni-only", d.String("viewerCertificate.sslSupportMethod"))
	assert.Equal(t, "TLSv1.2_2021", d.String("viewerCertificate.minimumProtocolVersion"))
	assert.False(t, d.Bool("viewerCertificate.cloudfrontDefaultCertificate"))
	assert.Contains(t, d.Dependencies, v.URN, "the distribution waits for the certificate's validation")
	assert.Empty(t, d.Provider, "the distribution uses the stack's provider")

	for _, name := range []string{"example-com", "www-example-com", "wildcard-example-com"} {
		for _, typ := range []string{"A", "AAAA"} {
			r := named(t, m, tRecord, "cdn-alias-"+strings.ToLower(typ)+"-"+name)
			assert.Equal(t, typ, r.String("type"))
			assert.Equal(t, "Z0123456789ABC", r.String("zoneId"))
			assert.Equal(t, "dcdndistribution.cloudfront.net", r.String("aliases.0.name"))
			assert.Equal(t, providers.CloudFrontHostedZoneID, r.String("aliases.0.zoneId"))
			assert.False(t, r.Bool("aliases.0.evaluateTargetHealth"))
		}
	}
	assert.Equal(t, "https://example.com", testkit.Await(t, c.URL))
}

func TestCallerProviderAndCertificate(t *testing.T) {
	const certArn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
	var c *cdn.StaticAssetsCdn
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		usEast1, err := aws.NewProvider(ctx, "virginia", &aws.ProviderArgs{Region: pulumi.String("us-east-1")})
		if err != nil {
			return err
		}
		c, err = cdn.NewStaticAssetsCdn(ctx, "cdn", &cdn.StaticAssetsCdnArgs{
			UsEast1Provider: usEast1,
			Domain:          &cdn.CustomDomain{Names: []string{"*.example.com"}, CertificateArn: pulumi.String(certArn)},
		})
		return err
	}, testkit.RunOptions{})

	providers := m.ByType(tProvider)
	require.Len(t, providers, 1, "no second provider")
	assert.Equal(t, "virginia", providers[0].Name)
	assert.Empty(t, m.ByType(tCertificate))
	assert.Empty(t, m.ByType(tRecord), "no hosted zone, no records")
	d := distributionOf(t, m)
	assert.Equal(t, certArn, d.String("viewerCertificate.acmCertificateArn"))
	assert.Equal(t, []string{"*.example.com"}, d.Strings("aliases"))
	source := named(t, m, tLogSource, "cdn-log-source")
	assert.True(t, strings.HasPrefix(source.Provider, providers[0].URN+"::"), "logs use the caller's provider")
	assert.Equal(t, "https://dcdndistribution.cloudfront.net", testkit.Await(t, c.URL), "a wildcard is no URL")
}

func TestDevAndProdArgs(t *testing.T) {
	dev, _ := build(t, &cdn.StaticAssetsCdnArgs{
		PriceClass:   cdn.PriceClass100,
		Versioning:   pulumi.BoolRef(false),
		ForceDestroy: true,
		AccessLogs:   pulumi.BoolRef(false),
	})
	prod, _ := build(t, &cdn.StaticAssetsCdnArgs{Protect: true})

	assert.Equal(t, cdn.PriceClass100, distributionOf(t, dev).String("priceClass"))
	assert.Equal(t, cdn.PriceClassAll, distributionOf(t, prod).String("priceClass"))

	assert.True(t, named(t, dev, tBucket, "cdn-bucket").Bool("forceDestroy"))
	assert.False(t, named(t, dev, tBucket, "cdn-bucket").Protect)
	assert.False(t, named(t, prod, tBucket, "cdn-bucket").Bool("forceDestroy"))
	assert.True(t, named(t, prod, tBucket, "cdn-bucket").Protect)
	assert.True(t, named(t, prod, tBucket, "cdn-logs").Protect)

	assert.Empty(t, dev.ByType(tVersioning))
	devLifecycle := named(t, dev, tLifecycle, "cdn-bucket-lifecycle")
	assert.False(t, devLifecycle.Has("rules.1"), "no noncurrent-version rule without versioning")
	assert.NotEmpty(t, prod.ByType(tVersioning))

	assert.Len(t, dev.ByType(tBucket), 1, "no log bucket in dev")
	assert.Empty(t, dev.ByType(tLogDelivery))
	assert.Empty(t, dev.ByType(tProvider), "nothing needs us-east-1")
	assert.Len(t, prod.ByType(tBucket), 2)
	assert.Len(t, prod.ByType(tLogDelivery), 1)

	// Security does not change between the two.
	for _, m := range []*testkit.Mocks{dev, prod} {
		pab := named(t, m, tPublicAccess, "cdn-bucket-public-access")
		assert.True(t, pab.Bool("blockPublicAcls") && pab.Bool("blockPublicPolicy") && pab.Bool("ignorePublicAcls") && pab.Bool("restrictPublicBuckets"))
		assert.Equal(t, "AES256", named(t, m, tEncryption, "cdn-bucket-encryption").String("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"))
		assert.Equal(t, "redirect-to-https", distributionOf(t, m).String("defaultCacheBehavior.viewerProtocolPolicy"))
		assert.Len(t, parsePolicy(t, named(t, m, tPolicy, "cdn-bucket-policy")).Statement, 2)
	}
}

func TestAccessLogsUseStandardLoggingV2(t *testing.T) {
	m, c := build(t, &cdn.StaticAssetsCdnArgs{AccessLogRetentionDays: 30})
	provider := m.ByType(tProvider)[0]
	distArn := testkit.Await(t, c.DistributionArn).(string)
	logsArn := "arn:aws:s3:::cdn-logs-bucket"

	d := distributionOf(t, m)
	assert.False(t, d.Has("loggingConfig"), "no legacy logging: it needs an ACL bucket")
	assert.Equal(t, "BucketOwnerEnforced", named(t, m, tOwnership, "cdn-logs-ownership").String("rule.objectOwnership"))
	assert.True(t, named(t, m, tPublicAccess, "cdn-logs-public-access").Bool("restrictPublicBuckets"))
	assert.Equal(t, float64(30), named(t, m, tLifecycle, "cdn-logs-lifecycle").Number("rules.1.expiration.days"))

	source := named(t, m, tLogSource, "cdn-log-source")
	assert.Equal(t, "ACCESS_LOGS", source.String("logType"))
	assert.Equal(t, distArn, source.String("resourceArn"))
	dest := named(t, m, tLogDest, "cdn-log-destination")
	assert.Equal(t, logsArn, dest.String("deliveryDestinationConfiguration.destinationResourceArn"))
	delivery := named(t, m, tLogDelivery, "cdn-log-delivery")
	assert.Equal(t, "cdn-log-source", delivery.String("deliverySourceName"))
	assert.Equal(t, "arn:aws:cloudwatch:us-east-1:123456789012:cdn-log-destination", delivery.String("deliveryDestinationArn"))
	assert.Equal(t, "{DistributionId}/{yyyy}/{MM}/{dd}/{HH}", delivery.String("s3DeliveryConfigurations.0.suffixPath"))
	for _, r := range []testkit.Resource{source, dest, delivery} {
		assert.True(t, strings.HasPrefix(r.Provider, provider.URN+"::"), "%s must be created in us-east-1", r.Name)
	}
	logPolicy := named(t, m, tPolicy, "cdn-logs-policy")
	assert.Contains(t, delivery.Dependencies, logPolicy.URN)

	p := parsePolicy(t, logPolicy)
	require.Len(t, p.Statement, 2)
	assert.Equal(t, "Deny", p.Statement[0].Effect)
	assert.Equal(t, "false", p.Statement[0].Condition["Bool"]["aws:SecureTransport"])
	write := p.Statement[1]
	assert.Equal(t, "Allow", write.Effect)
	assert.Equal(t, map[string]any{"Service": "delivery.logs.amazonaws.com"}, write.Principal)
	assert.Equal(t, []string{"s3:PutObject"}, asStrings(write.Action))
	assert.Equal(t, []string{logsArn + "/*"}, asStrings(write.Resource))
	assert.Equal(t, "arn:aws:logs:us-east-1:123456789012:delivery-source:cdn-log-source", write.Condition["ArnLike"]["aws:SourceArn"])
	assert.Equal(t, "bucket-owner-full-control", write.Condition["StringEquals"]["s3:x-amz-acl"])
}

func TestCorsRulesKeyTheStaticCacheOnOrigin(t *testing.T) {
	m, _ := build(t, &cdn.StaticAssetsCdnArgs{
		CorsRules:     []cdn.CorsRule{{AllowedOrigins: []string{"https://app.example.com"}}},
		DynamicOrigin: &cdn.DynamicOrigin{DomainName: pulumi.String(albDNS)},
	})
	cors := named(t, m, tCors, "cdn-bucket-cors")
	assert.Equal(t, []string{"https://app.example.com"}, cors.Strings("corsRules.0.allowedOrigins"))
	assert.Equal(t, []string{"GET", "HEAD"}, cors.Strings("corsRules.0.allowedMethods"))
	assert.Equal(t, float64(3000), cors.Number("corsRules.0.maxAgeSeconds"))

	policy := named(t, m, tCachePolicy, "cdn-cors-cache")
	assert.Equal(t, "whitelist", policy.String("parametersInCacheKeyAndForwardedToOrigin.headersConfig.headerBehavior"))
	assert.Contains(t, policy.Strings("parametersInCacheKeyAndForwardedToOrigin.headersConfig.headers.items"), "Origin")

	d := distributionOf(t, m)
	assert.Equal(t, "cdn-cors-cache-id", d.String("orderedCacheBehaviors.0.cachePolicyId"))
	assert.Equal(t, cdn.CORSS3OriginPolicyID, d.String("orderedCacheBehaviors.0.originRequestPolicyId"))
	assert.Contains(t, d.Strings("orderedCacheBehaviors.0.allowedMethods"), "OPTIONS")
	assert.Equal(t, cdn.CachingDisabledPolicyID, d.String("defaultCacheBehavior.cachePolicyId"), "the app behaviour is unchanged")
}

func writeFiles(t *testing.T, dir string, files ...string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(f), 0o644))
	}
}

func TestUploadDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, "index.html", "css/site.css", "js/app.mjs", "img/logo.svg", "fonts/a.woff2", ".well-known/security.txt", "blob.unknownext")

	m, _ := build(t, &cdn.StaticAssetsCdnArgs{UploadDirectory: dir, AccessLogs: pulumi.BoolRef(false)})
	objects := m.ByType(tObject)
	require.Len(t, objects, 7)
	want := map[string]string{
		"index.html":               "text/html; charset=utf-8",
		"css/site.css":             "text/css; charset=utf-8",
		"js/app.mjs":               "text/javascript; charset=utf-8",
		"img/logo.svg":             "image/svg+xml",
		"fonts/a.woff2":            "font/woff2",
		".well-known/security.txt": "text/plain; charset=utf-8",
		"blob.unknownext":          "application/octet-stream",
	}
	for key, contentType := range want {
		o := named(t, m, tObject, "cdn-asset-"+key)
		assert.Equal(t, key, o.String("key"))
		assert.Equal(t, contentType, o.String("contentType"), key)
		assert.Equal(t, "cdn-bucket-id", o.String("bucket"))
		assert.Equal(t, filepath.Join(dir, filepath.FromSlash(key)), o.String("source"))
	}

	// Adding a file adds one object and renames none.
	writeFiles(t, dir, "css/a-first.css")
	again, _ := build(t, &cdn.StaticAssetsCdnArgs{UploadDirectory: dir, AccessLogs: pulumi.BoolRef(false)})
	var before, after []string
	for _, o := range objects {
		before = append(before, o.URN)
	}
	for _, o := range again.ByType(tObject) {
		after = append(after, o.URN)
	}
	assert.Len(t, after, 8)
	assert.Subset(t, after, before)
}

func TestOptionalEdgeFeatures(t *testing.T) {
	const acl = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/a1b2c3"
	m, _ := build(t, &cdn.StaticAssetsCdnArgs{
		WebACLArn:      pulumi.String(acl),
		GeoRestriction: &cdn.GeoRestriction{Type: "whitelist", Locations: []string{"DE", "FR"}},
		SinglePageApp:  true,
		Tags:           map[string]string{"team": "web"},
	})
	d := distributionOf(t, m)
	assert.Equal(t, acl, d.String("webAclId"))
	assert.Equal(t, "whitelist", d.String("restrictions.geoRestriction.restrictionType"))
	assert.Equal(t, []string{"DE", "FR"}, d.Strings("restrictions.geoRestriction.locations"))
	for i, code := range []float64{403, 404} {
		prefix := "customErrorResponses." + string(rune('0'+i)) + "."
		assert.Equal(t, code, d.Number(prefix+"errorCode"))
		assert.Equal(t, float64(200), d.Number(prefix+"responseCode"))
		assert.Equal(t, "/index.html", d.String(prefix+"responsePagePath"))
	}
	assert.Equal(t, "web", d.String("tags.team"))
	assert.Equal(t, "web", named(t, m, tBucket, "cdn-bucket").String("tags.team"))
	assert.Equal(t, "web", named(t, m, tLogSource, "cdn-log-source").String("tags.team"))
}

// everything turns on every optional child.
func everything(t *testing.T) *cdn.StaticAssetsCdnArgs {
	dir := t.TempDir()
	writeFiles(t, dir, "index.html")
	return &cdn.StaticAssetsCdnArgs{
		CorsRules:       []cdn.CorsRule{{AllowedOrigins: []string{"*"}}},
		UploadDirectory: dir,
		DynamicOrigin: &cdn.DynamicOrigin{
			DomainName:      pulumi.String("origin.example.com"),
			HTTPS:           true,
			VPCOrigin:       true,
			LoadBalancerArn: pulumi.String(albArn),
		},
		Domain: &cdn.CustomDomain{Names: []string{"example.com"}, HostedZoneID: pulumi.String("Z1")},
	}
}

func TestEveryChildIsParentedToTheComponent(t *testing.T) {
	m, _ := build(t, everything(t))
	types := map[string]bool{}
	for _, r := range m.Children(t, cdn.Token) {
		types[r.Type] = true
	}
	for _, typ := range []string{tBucket, tVersioning, tCors, tPolicy, tObject, tOAC, tDistribution, tVpcOrigin, tCachePolicy, tCertificate, tValidation, tRecord, tLogDelivery, tProvider} {
		assert.True(t, types[typ], "%s registered", typ)
	}
}

func TestSameInputsSameResources(t *testing.T) {
	first, _ := build(t, everything(t))
	second, _ := build(t, everything(t))
	assert.Equal(t, first.URNs(), second.URNs())
}

func TestCallerOptionsCannotOverrideParent(t *testing.T) {
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		other, err := cdnParent(ctx)
		if err != nil {
			return err
		}
		_, err = cdn.NewStaticAssetsCdn(ctx, "cdn", nil, pulumi.Parent(other))
		return err
	}, testkit.RunOptions{})
	component := m.ByType(cdn.Token)[0]
	assert.Equal(t, "holder", component.ParentName())
	for _, r := range m.ChildrenOf(component.URN) {
		assert.Equal(t, cdn.Token, r.ParentType(), r.Name)
	}
	assert.NotEmpty(t, m.ChildrenOf(component.URN))
}

type holder struct{ pulumi.ResourceState }

func cdnParent(ctx *pulumi.Context) (*holder, error) {
	h := &holder{}
	return h, ctx.RegisterComponentResource("test:index:Holder", "holder", h)
}

func TestInvalidArgsRegisterNothing(t *testing.T) {
	missingDir := filepath.Join(t.TempDir(), "dist")
	cases := []struct {
		name string
		args cdn.StaticAssetsCdnArgs
		path string // the field the problem is reported on
	}{
		{"price class", cdn.StaticAssetsCdnArgs{PriceClass: "PriceClass_50"}, `PriceClass`},
		{"noncurrent days", cdn.StaticAssetsCdnArgs{NoncurrentVersionExpirationDays: -1}, `NoncurrentVersionExpirationDays`},
		{"log retention", cdn.StaticAssetsCdnArgs{AccessLogRetentionDays: -5}, `AccessLogRetentionDays`},
		{"protect and force destroy", cdn.StaticAssetsCdnArgs{Protect: true, ForceDestroy: true}, `ForceDestroy`},
		{"root object slash", cdn.StaticAssetsCdnArgs{DefaultRootObject: "/index.html"}, `DefaultRootObject`},
		{"SPA with app", cdn.StaticAssetsCdnArgs{SinglePageApp: true, DynamicOrigin: &cdn.DynamicOrigin{DomainName: pulumi.String(albDNS)}}, `SinglePageApp`},
		{"CORS without origin", cdn.StaticAssetsCdnArgs{CorsRules: []cdn.CorsRule{{}}}, `CorsRules[0].AllowedOrigins`},
		{"CORS method", cdn.StaticAssetsCdnArgs{CorsRules: []cdn.CorsRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PATCH"}}}}, `CorsRules[0].AllowedMethods`},
		{"geo type", cdn.StaticAssetsCdnArgs{GeoRestriction: &cdn.GeoRestriction{Type: "allow", Locations: []string{"US"}}}, `GeoRestriction.Type`},
		{"geo code", cdn.StaticAssetsCdnArgs{GeoRestriction: &cdn.GeoRestriction{Type: "blacklist", Locations: []string{"usa"}}}, `GeoRestriction.Locations`},
		{"regional WAF", cdn.StaticAssetsCdnArgs{WebACLArn: pulumi.String("arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/site/abc")}, `WebACLArn`},
		{"WAF classic", cdn.StaticAssetsCdnArgs{WebACLArn: pulumi.String("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")}, `WebACLArn`},
		{"no origin domain", cdn.StaticAssetsCdnArgs{DynamicOrigin: &cdn.DynamicOrigin{}}, `DynamicOrigin.DomainName`},
		{"HTTPS to elb name", cdn.StaticAssetsCdnArgs{DynamicOrigin: &cdn.DynamicOrigin{DomainName: pulumi.String(albDNS), HTTPS: true}}, `DynamicOrigin.DomainName`},
		{"origin URL", cdn.StaticAssetsCdnArgs{DynamicOrigin: &cdn.DynamicOrigin{DomainName: pulumi.String("https://origin.example.com/")}}, `DynamicOrigin.DomainName`},
		{"origin port", cdn.StaticAssetsCdnArgs{DynamicOrigin: &cdn.DynamicOrigin{DomainName: pulumi.String(albDNS), HTTPPort: 1000}}, `DynamicOrigin.HTTPPort`},
		{"VPC origin without ARN", cdn.StaticAssetsCdnArgs{DynamicOrigin: &cdn.DynamicOrigin{DomainName: pulumi.String(albDNS), VPCOrigin: true}}, `DynamicOrigin.LoadBalancerArn`},
		{"not an ALB ARN", cdn.StaticAssetsCdnArgs{DynamicOrigin: &cdn.DynamicOrigin{DomainName: pulumi.String(albDNS), VPCOrigin: true, LoadBalancerArn: pulumi.String("arn:aws:ec2:us-east-1:1:instance/i-1")}}, `DynamicOrigin.LoadBalancerArn`},
		{"catch-all static path", cdn.StaticAssetsCdnArgs{DynamicOrigin: &cdn.DynamicOrigin{DomainName: pulumi.String(albDNS), StaticPathPatterns: []string{"*"}}}, `DynamicOrigin.StaticPathPatterns[0]`},
		{"duplicate static path", cdn.StaticAssetsCdnArgs{DynamicOrigin: &cdn.DynamicOrigin{DomainName: pulumi.String(albDNS), StaticPathPatterns: []string{"/a/*", "/a/*"}}}, `DynamicOrigin.StaticPathPatterns`},
		{"too many paths", cdn.StaticAssetsCdnArgs{DynamicOrigin: &cdn.DynamicOrigin{DomainName: pulumi.String(albDNS), StaticPathPatterns: manyPaths(75)}}, `DynamicOrigin.StaticPathPatterns`},
		{"no names", cdn.StaticAssetsCdnArgs{Domain: &cdn.CustomDomain{HostedZoneID: pulumi.String("Z1")}}, `Domain.Names`},
		{"bad name", cdn.StaticAssetsCdnArgs{Domain: &cdn.CustomDomain{Names: []string{"www.*.example.com"}, HostedZoneID: pulumi.String("Z1")}}, `Domain.Names[0]`},
		{"duplicate name", cdn.StaticAssetsCdnArgs{Domain: &cdn.CustomDomain{Names: []string{"example.com", "Example.com"}, HostedZoneID: pulumi.String("Z1")}}, `Domain.Names`},
		{"no zone, no certificate", cdn.StaticAssetsCdnArgs{Domain: &cdn.CustomDomain{Names: []string{"example.com"}}}, `Domain.HostedZoneID`},
		{"too many names", cdn.StaticAssetsCdnArgs{Domain: &cdn.CustomDomain{Names: manyNames(11), HostedZoneID: pulumi.String("Z1")}}, `Domain.Names`},
		{"certificate outside us-east-1", cdn.StaticAssetsCdnArgs{Domain: &cdn.CustomDomain{Names: []string{"example.com"}, CertificateArn: pulumi.String("arn:aws:acm:eu-west-1:123456789012:certificate/abc")}}, `Domain.CertificateArn`},
		{"not a certificate", cdn.StaticAssetsCdnArgs{Domain: &cdn.CustomDomain{Names: []string{"example.com"}, CertificateArn: pulumi.String("arn:aws:iam::123456789012:server-certificate/x")}}, `Domain.CertificateArn`},
		{"missing upload dir", cdn.StaticAssetsCdnArgs{UploadDirectory: missingDir}, `UploadDirectory`},
		{"reserved tag", cdn.StaticAssetsCdnArgs{Tags: map[string]string{"aws:team": "x"}}, `Tags["aws:team"]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			m, err := testkit.Run(func(ctx *pulumi.Context) error {
				_, err := cdn.NewStaticAssetsCdn(ctx, "cdn", &args)
				return err
			}, testkit.RunOptions{})
			require.Error(t, err)
			assert.Contains(t, fielderr.Paths(err), tc.path, err.Error())
			assert.Contains(t, err.Error(), `cdn "cdn"`)
			assert.Empty(t, m.Resources(), "rejected args register nothing")
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	err := cdn.StaticAssetsCdnArgs{
		PriceClass: "cheap",
		Domain:     &cdn.CustomDomain{Names: []string{"example.com"}, CertificateArn: pulumi.String("arn:aws:acm:eu-west-1:1:certificate/x")},
		WebACLArn:  pulumi.String("arn:aws:wafv2:eu-west-1:1:regional/webacl/a/b"),
	}.Validate()
	require.Error(t, err)
	assert.Equal(t, []string{"Domain.CertificateArn", "PriceClass", "WebACLArn"}, fielderr.Paths(err), "every problem, sorted by path")
}

func TestUnknownInputsAreLeftToAWS(t *testing.T) {
	// An ARN that is an output (known only after deployment) cannot be checked up front.
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		h, err := cdnParent(ctx)
		if err != nil {
			return err
		}
		arn := h.URN().ApplyT(func(string) string { return "arn:aws:acm:us-east-1:1:certificate/x" }).(pulumi.StringOutput)
		_, err = cdn.NewStaticAssetsCdn(ctx, "cdn", &cdn.StaticAssetsCdnArgs{
			Domain: &cdn.CustomDomain{Names: []string{"example.com"}, CertificateArn: arn},
		})
		return err
	}, testkit.RunOptions{})
	assert.Equal(t, "arn:aws:acm:us-east-1:1:certificate/x", distributionOf(t, m).String("viewerCertificate.acmCertificateArn"))
}

func originsOf(d testkit.Resource) []any {
	v, _ := d.Get("origins")
	list, _ := v.([]any)
	return list
}

func manyPaths(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "/p" + strings.Repeat("x", i) + "/*"
	}
	return out
}

func manyNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "n" + strings.Repeat("x", i) + ".example.com"
	}
	return out
}
