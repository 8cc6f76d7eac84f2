package cdn

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudfront"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Managed CloudFront policies, by ID (CloudFront Developer Guide, "Use managed cache policies",
// "Use managed origin request policies", "Use managed response headers policies"). IDs are the
// same in every account.
const (
	// CachingOptimizedPolicyID caches on the URL only, 1 s–1 year (default 1 day), gzip and brotli.
	CachingOptimizedPolicyID = "658327ea-f89d-4fab-a63d-7e88639e58f6"
	// CachingDisabledPolicyID caches nothing: every request reaches the origin.
	CachingDisabledPolicyID = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
	// AllViewerExceptHostHeaderPolicyID forwards every viewer header, cookie and query string but
	// Host, so the ALB sees its own name (and its certificate matches) while the app gets the rest.
	AllViewerExceptHostHeaderPolicyID = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
	// CORSS3OriginPolicyID forwards Origin and the Access-Control-Request-* headers to S3.
	CORSS3OriginPolicyID = "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf"
	// SecurityHeadersPolicyID adds HSTS, X-Content-Type-Options, X-Frame-Options, Referrer-Policy
	// and X-XSS-Protection without overriding headers the origin sends.
	SecurityHeadersPolicyID = "67f7725c-6f97-4210-82d7-5512b31e9d03"
)

// Origin IDs inside the distribution.
const (
	bucketOriginID  = "assets"
	dynamicOriginID = "app"
)

var (
	readMethods = []string{"GET", "HEAD"}
	// corsReadMethods add OPTIONS so CORS preflights reach S3.
	corsReadMethods = []string{"GET", "HEAD", "OPTIONS"}
	allMethods      = []string{"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"}
)

// behavior is one row of the distribution's behaviour table.
type behavior struct {
	// PathPattern is "" for the default behaviour.
	PathPattern string
	// OriginID is bucketOriginID or dynamicOriginID.
	OriginID string
	// CachePolicyID is a managed cache policy, or "" for the component's CORS cache policy.
	CachePolicyID string
	// OriginRequestPolicyID is a managed origin request policy, or "" for none.
	OriginRequestPolicyID string
	// AllowedMethods are the HTTP methods CloudFront accepts and forwards.
	AllowedMethods []string
	// CachedMethods are the methods whose responses CloudFront caches.
	CachedMethods []string
}

// behaviors returns the default behaviour and the ordered ones. Without a dynamic origin the
// bucket is the default. With one, the ALB is the default (uncached, all viewer headers but Host)
// and each static path pattern goes to the bucket. With CORS the bucket behaviours forward the
// CORS headers and key the cache on them (CachePolicyID ""), so a response cached without
// Access-Control-Allow-Origin is never served to a cross-origin request.
func behaviors(dynamic bool, staticPaths []string, cors bool) (behavior, []behavior) {
	static := behavior{
		OriginID:       bucketOriginID,
		CachePolicyID:  CachingOptimizedPolicyID,
		AllowedMethods: readMethods,
		CachedMethods:  readMethods,
	}
	if cors {
		static.CachePolicyID = ""
		static.OriginRequestPolicyID = CORSS3OriginPolicyID
		static.AllowedMethods = corsReadMethods
	}
	if !dynamic {
		return static, nil
	}
	def := behavior{
		OriginID:              dynamicOriginID,
		CachePolicyID:         CachingDisabledPolicyID,
		OriginRequestPolicyID: AllViewerExceptHostHeaderPolicyID,
		AllowedMethods:        allMethods,
		CachedMethods:         readMethods,
	}
	ordered := make([]behavior, 0, len(staticPaths))
	for _, p := range staticPaths {
		b := static
		b.PathPattern = p
		ordered = append(ordered, b)
	}
	return def, ordered
}

// corsCachePolicy creates the cache policy of the bucket's behaviours when CorsRules is set, and
// returns its ID; nil without CORS. CachingOptimized leaves Origin out of the cache key, so a
// response cached for a same-origin request (no Access-Control-Allow-Origin) would be served
// cross-origin too.
func corsCachePolicy(ctx *pulumi.Context, name string, a StaticAssetsCdnArgs, parent pulumi.ResourceOption) (pulumi.StringInput, error) {
	if len(a.CorsRules) == 0 {
		return nil, nil
	}
	policy, err := cloudfront.NewCachePolicy(ctx, name+"-cors-cache", &cloudfront.CachePolicyArgs{
		Comment:    pulumi.String("CachingOptimized plus the CORS request headers in the cache key"),
		MinTtl:     pulumi.Int(1),
		DefaultTtl: pulumi.Int(86400),
		MaxTtl:     pulumi.Int(31536000),
		ParametersInCacheKeyAndForwardedToOrigin: &cloudfront.CachePolicyParametersInCacheKeyAndForwardedToOriginArgs{
			EnableAcceptEncodingGzip:   pulumi.Bool(true),
			EnableAcceptEncodingBrotli: pulumi.Bool(true),
			CookiesConfig:              &cloudfront.CachePolicyParametersInCacheKeyAndForwardedToOriginCookiesConfigArgs{CookieBehavior: pulumi.String("none")},
			QueryStringsConfig:         &cloudfront.CachePolicyParametersInCacheKeyAndForwardedToOriginQueryStringsConfigArgs{QueryStringBehavior: pulumi.String("none")},
			HeadersConfig: &cloudfront.CachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfigArgs{
				HeaderBehavior: pulumi.String("whitelist"),
				Headers: &cloudfront.CachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfigHeadersArgs{
					Items: pulumi.ToStringArray([]string{"Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"}),
				},
			},
		},
	}, parent)
	if err != nil {
		return nil, err
	}
	return policy.ID(), nil
}

// cacheBehaviors turns the behaviour table (behaviors) into the distribution's default and
// ordered cache behaviours; a row without a managed cache policy takes corsCachePolicy.
func cacheBehaviors(a StaticAssetsCdnArgs, corsCachePolicy pulumi.StringInput) (*cloudfront.DistributionDefaultCacheBehaviorArgs, cloudfront.DistributionOrderedCacheBehaviorArray) {
	var staticPaths []string
	if a.DynamicOrigin != nil {
		staticPaths = a.DynamicOrigin.StaticPathPatterns
	}
	def, ordered := behaviors(a.DynamicOrigin != nil, staticPaths, len(a.CorsRules) > 0)
	cachePolicy := func(b behavior) pulumi.StringPtrInput {
		if b.CachePolicyID == "" {
			return corsCachePolicy.ToStringOutput()
		}
		return pulumi.String(b.CachePolicyID)
	}
	originRequestPolicy := func(b behavior) pulumi.StringPtrInput {
		if b.OriginRequestPolicyID == "" {
			return nil
		}
		return pulumi.String(b.OriginRequestPolicyID)
	}
	orderedArgs := make(cloudfront.DistributionOrderedCacheBehaviorArray, 0, len(ordered))
	for _, b := range ordered {
		orderedArgs = append(orderedArgs, &cloudfront.DistributionOrderedCacheBehaviorArgs{
			PathPattern:             pulumi.String(b.PathPattern),
			TargetOriginId:          pulumi.String(b.OriginID),
			ViewerProtocolPolicy:    pulumi.String("redirect-to-https"),
			AllowedMethods:          pulumi.ToStringArray(b.AllowedMethods),
			CachedMethods:           pulumi.ToStringArray(b.CachedMethods),
			CachePolicyId:           cachePolicy(b),
			OriginRequestPolicyId:   originRequestPolicy(b),
			ResponseHeadersPolicyId: pulumi.String(a.ResponseHeadersPolicyID),
			Compress:                pulumi.Bool(true),
		})
	}
	return &cloudfront.DistributionDefaultCacheBehaviorArgs{
		TargetOriginId:          pulumi.String(def.OriginID),
		ViewerProtocolPolicy:    pulumi.String("redirect-to-https"),
		AllowedMethods:          pulumi.ToStringArray(def.AllowedMethods),
		CachedMethods:           pulumi.ToStringArray(def.CachedMethods),
		CachePolicyId:           cachePolicy(def),
		OriginRequestPolicyId:   originRequestPolicy(def),
		ResponseHeadersPolicyId: pulumi.String(a.ResponseHeadersPolicyID),
		Compress:                pulumi.Bool(true),
	}, orderedArgs
}
