package cdn

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudfront"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/awsprovider"
	"github.com/tenkstack/tenk/components/internal/privatebucket"
	"github.com/tenkstack/tenk/components/internal/protect"
)

// Token is StaticAssetsCdn's type token; it is part of every child's URN, so it never changes.
const Token = "tenk:cdn:StaticAssetsCdn"

// Viewer and origin TLS settings.
const (
	// minimumViewerTLS is CloudFront's recommended security policy with a custom certificate
	// (CloudFront Developer Guide, "Supported protocols and ciphers between viewers and CloudFront").
	minimumViewerTLS = "TLSv1.2_2021"
	// originTLS is the only protocol offered to an HTTPS origin (CustomOriginConfig.OriginSslProtocols).
	originTLS = "TLSv1.2"
)

// StaticAssetsCdn is a private S3 bucket served by a CloudFront distribution, optionally in front
// of the web tier.
type StaticAssetsCdn struct {
	pulumi.ResourceState

	// BucketName is the assets bucket's name: upload assets here.
	BucketName pulumi.StringOutput
	// BucketArn is the assets bucket's ARN, for the deploy role's policy.
	BucketArn pulumi.StringOutput
	// DistributionID is the distribution's ID, for cache invalidations.
	DistributionID pulumi.StringOutput
	// DistributionArn is the distribution's ARN.
	DistributionArn pulumi.StringOutput
	// DomainName is the distribution's *.cloudfront.net name.
	DomainName pulumi.StringOutput
	// HostedZoneID is CloudFront's Route 53 zone ID, for alias records the caller adds.
	HostedZoneID pulumi.StringOutput
	// URL is the site's address: https:// and the first non-wildcard Domain.Names entry, else the
	// distribution's domain name.
	URL pulumi.StringOutput
	// Bucket is the assets bucket.
	Bucket *s3.BucketV2
	// Distribution is the CloudFront distribution.
	Distribution *cloudfront.Distribution
	// LogBucket receives the access logs; nil when AccessLogs is false.
	LogBucket *s3.BucketV2
	// VpcOrigin is the CloudFront VPC origin in front of an internal ALB; nil without
	// DynamicOrigin.VPCOrigin. CloudFront creates its security group in the ALB's VPC when it is
	// deployed: order the ALB's lookup of that group after it (webtier.LookupVpcOriginSecurityGroup).
	VpcOrigin *cloudfront.VpcOrigin
}

// NewStaticAssetsCdn validates args, then builds the private bucket, its Origin Access Control
// and policy, the distribution with its static and dynamic behaviours, the optional certificate
// and DNS records, access logs and asset uploads as children of one StaticAssetsCdn component.
func NewStaticAssetsCdn(ctx *pulumi.Context, name string, args *StaticAssetsCdnArgs, opts ...pulumi.ResourceOption) (*StaticAssetsCdn, error) {
	if args == nil {
		args = &StaticAssetsCdnArgs{}
	}
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("cdn %q: %w", name, err)
	}
	a := args.withDefaults()
	var assets []Asset
	if a.UploadDirectory != "" {
		var err error
		if assets, err = CollectAssets(a.UploadDirectory); err != nil {
			return nil, fmt.Errorf("cdn %q: UploadDirectory: %w", name, err)
		}
	}

	if a.UsEast1Provider == nil && a.needsUsEast1() {
		// A us-east-1 stack keeps the inherited provider (the caller's, when given); elsewhere the
		// component would make one from the stack's settings, which a caller's provider overrides.
		if stackRegion, _ := ctx.GetConfig(awsprovider.RegionKey); stackRegion != cloudFrontRegion && awsprovider.Given(opts) {
			return nil, fmt.Errorf("cdn %q: UsEast1Provider: the component is given a provider, so CloudFront's certificate and log delivery need one for us-east-1 too (pass the given provider itself when it is in us-east-1): a provider made from the stack's settings could act for another account", name)
		}
		// The stack's `aws:` settings are copied into the us-east-1 provider: reject malformed ones
		// before anything is registered.
		if _, err := awsprovider.StackSettings(ctx); err != nil {
			return nil, fmt.Errorf("cdn %q: us-east-1 provider: %w", name, err)
		}
	}

	c := &StaticAssetsCdn{}
	if err := ctx.RegisterComponentResource(Token, name, c, protect.Register(a.Protect, opts)...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	assetsBucket, err := newPrivateBucket(ctx, name+"-bucket", bucketSpec{
		Spec: privatebucket.Spec{
			ForceDestroy:   a.ForceDestroy,
			Versioning:     *a.Versioning,
			NoncurrentDays: a.NoncurrentVersionExpirationDays,
			Tags:           pulumi.ToStringMap(a.Tags),
		},
		cors: a.CorsRules,
	}, parent)
	if err != nil {
		return nil, err
	}
	c.Bucket = assetsBucket.Bucket

	usEast1 := a.UsEast1Provider
	if usEast1 == nil && a.needsUsEast1() {
		// An explicit provider inherits nothing from the stack's `aws:` config (profile, assumed
		// role, allowed accounts, default tags), so ForRegion copies them over, or keeps the
		// default provider when the stack already runs in us-east-1.
		if usEast1, err = awsprovider.ForRegion(ctx, name+"-us-east-1", cloudFrontRegion, parent); err != nil {
			return nil, fmt.Errorf("cdn %q: us-east-1 provider: %w", name, err)
		}
	}

	dist, vpcOrigin, err := distribution(ctx, name, a, assetsBucket.Bucket, usEast1, parent)
	if err != nil {
		return nil, err
	}
	c.Distribution, c.VpcOrigin = dist, vpcOrigin

	if _, err := assetsBucket.AttachPolicy(ctx, name+"-bucket-policy",
		policyJSON(assetsBucket.Bucket.Arn, dist.Arn, AssetsBucketPolicy), parent); err != nil {
		return nil, err
	}

	if a.Domain != nil && a.Domain.HostedZoneID != nil {
		if err := aliasRecords(ctx, name, a.Domain, dist, parent); err != nil {
			return nil, err
		}
	}
	if *a.AccessLogs {
		if c.LogBucket, err = accessLogs(ctx, name, a, dist, usEast1, parent); err != nil {
			return nil, err
		}
	}
	for _, asset := range assets {
		if _, err := s3.NewBucketObjectv2(ctx, name+"-asset-"+asset.Key, &s3.BucketObjectv2Args{
			Bucket:      assetsBucket.Bucket.ID(),
			Key:         pulumi.String(asset.Key),
			Source:      pulumi.NewFileAsset(asset.Path),
			ContentType: pulumi.String(asset.ContentType),
		}, parent); err != nil {
			return nil, err
		}
	}

	c.BucketName = assetsBucket.Bucket.Bucket
	c.BucketArn = assetsBucket.Bucket.Arn
	c.DistributionID = dist.ID().ToStringOutput()
	c.DistributionArn = dist.Arn
	c.DomainName = dist.DomainName
	c.HostedZoneID = dist.HostedZoneId
	c.URL = pulumi.Sprintf("https://%s", dist.DomainName)
	if host := primaryHost(a.Domain); host != "" {
		c.URL = pulumi.String("https://" + host).ToStringOutput()
	}

	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"bucketName":      c.BucketName,
		"bucketArn":       c.BucketArn,
		"distributionId":  c.DistributionID,
		"distributionArn": c.DistributionArn,
		"domainName":      c.DomainName,
		"hostedZoneId":    c.HostedZoneID,
		"url":             c.URL,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// distribution builds the OAC, the optional VPC origin and CORS cache policy, the certificate,
// and the distribution itself.
func distribution(ctx *pulumi.Context, name string, a StaticAssetsCdnArgs, bucket *s3.BucketV2, usEast1 pulumi.ProviderResource, parent pulumi.ResourceOption) (*cloudfront.Distribution, *cloudfront.VpcOrigin, error) {
	// OAC signs every request to S3 with SigV4 (CloudFront Developer Guide, "Restrict access to
	// an Amazon S3 origin"); it works only with the bucket's REST endpoint, never the website one.
	oac, err := cloudfront.NewOriginAccessControl(ctx, name+"-oac", &cloudfront.OriginAccessControlArgs{
		Description:                   pulumi.Sprintf("%s assets bucket", name),
		OriginAccessControlOriginType: pulumi.String("s3"),
		SigningBehavior:               pulumi.String("always"),
		SigningProtocol:               pulumi.String("sigv4"),
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	origins := cloudfront.DistributionOriginArray{
		&cloudfront.DistributionOriginArgs{
			OriginId:              pulumi.String(bucketOriginID),
			DomainName:            bucket.BucketRegionalDomainName,
			OriginAccessControlId: oac.ID(),
		},
	}

	var vpcOrigin *cloudfront.VpcOrigin
	if d := a.DynamicOrigin; d != nil {
		origin, vo, err := dynamicOrigin(ctx, name, d, a.Tags, parent)
		if err != nil {
			return nil, nil, err
		}
		origins, vpcOrigin = append(origins, origin), vo
	}

	var corsCachePolicy pulumi.StringInput
	if len(a.CorsRules) > 0 {
		// CachingOptimized leaves Origin out of the cache key, so a response cached for a
		// same-origin request (no Access-Control-Allow-Origin) would be served cross-origin too.
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
			return nil, nil, err
		}
		corsCachePolicy = policy.ID()
	}

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

	viewerCert := &cloudfront.DistributionViewerCertificateArgs{CloudfrontDefaultCertificate: pulumi.Bool(true)}
	var aliases pulumi.StringArrayInput
	if a.Domain != nil {
		certArn, err := certificate(ctx, name, a.Domain, usEast1, a.Tags, parent)
		if err != nil {
			return nil, nil, err
		}
		aliases = pulumi.ToStringArray(a.Domain.Names)
		// sni-only: dedicated-IP SSL costs $600/month and no current browser needs it.
		viewerCert = &cloudfront.DistributionViewerCertificateArgs{
			AcmCertificateArn:      certArn,
			SslSupportMethod:       pulumi.String("sni-only"),
			MinimumProtocolVersion: pulumi.String(minimumViewerTLS),
		}
	}

	restrictions := &cloudfront.DistributionRestrictionsGeoRestrictionArgs{RestrictionType: pulumi.String("none")}
	if g := a.GeoRestriction; g != nil {
		restrictions = &cloudfront.DistributionRestrictionsGeoRestrictionArgs{
			RestrictionType: pulumi.String(g.Type),
			Locations:       pulumi.ToStringArray(g.Locations),
		}
	}

	var errorResponses cloudfront.DistributionCustomErrorResponseArray
	if a.SinglePageApp {
		// S3 answers 403 (not 404) for a missing key when the caller may not list the bucket.
		for _, code := range []int{403, 404} {
			errorResponses = append(errorResponses, &cloudfront.DistributionCustomErrorResponseArgs{
				ErrorCode:          pulumi.Int(code),
				ResponseCode:       pulumi.Int(200),
				ResponsePagePath:   pulumi.String("/index.html"),
				ErrorCachingMinTtl: pulumi.Int(10),
			})
		}
	}

	var webACL pulumi.StringPtrInput
	if a.WebACLArn != nil {
		webACL = a.WebACLArn.ToStringOutput()
	}
	var rootObject pulumi.StringPtrInput
	if a.DefaultRootObject != "" {
		rootObject = pulumi.String(a.DefaultRootObject)
	}

	dist, err := cloudfront.NewDistribution(ctx, name+"-distribution", &cloudfront.DistributionArgs{
		Enabled:           pulumi.Bool(true),
		Comment:           pulumi.String(name),
		Aliases:           aliases,
		Origins:           origins,
		DefaultRootObject: rootObject,
		HttpVersion:       pulumi.String("http2and3"),
		IsIpv6Enabled:     pulumi.Bool(true),
		PriceClass:        pulumi.String(a.PriceClass),
		DefaultCacheBehavior: &cloudfront.DistributionDefaultCacheBehaviorArgs{
			TargetOriginId:          pulumi.String(def.OriginID),
			ViewerProtocolPolicy:    pulumi.String("redirect-to-https"),
			AllowedMethods:          pulumi.ToStringArray(def.AllowedMethods),
			CachedMethods:           pulumi.ToStringArray(def.CachedMethods),
			CachePolicyId:           cachePolicy(def),
			OriginRequestPolicyId:   originRequestPolicy(def),
			ResponseHeadersPolicyId: pulumi.String(a.ResponseHeadersPolicyID),
			Compress:                pulumi.Bool(true),
		},
		OrderedCacheBehaviors: orderedArgs,
		CustomErrorResponses:  errorResponses,
		Restrictions:          &cloudfront.DistributionRestrictionsArgs{GeoRestriction: restrictions},
		ViewerCertificate:     viewerCert,
		WebAclId:              webACL,
		Tags:                  pulumi.ToStringMap(a.Tags),
	}, parent)
	return dist, vpcOrigin, err
}

// dynamicOrigin is the ALB as a custom origin, or through a CloudFront VPC origin when it is
// internal.
func dynamicOrigin(ctx *pulumi.Context, name string, d *DynamicOrigin, tags map[string]string, parent pulumi.ResourceOption) (*cloudfront.DistributionOriginArgs, *cloudfront.VpcOrigin, error) {
	// https-only only when the ALB holds a certificate for DomainName (checked in Validate):
	// CloudFront verifies the origin's certificate against the origin domain name and answers 502
	// on a mismatch. Otherwise http-only: an ALB without such a certificate cannot be verified, so
	// HTTPS would fail, and viewers still only ever speak HTTPS to CloudFront.
	protocol := "http-only"
	if d.HTTPS {
		protocol = "https-only"
	}
	origin := &cloudfront.DistributionOriginArgs{
		OriginId:   pulumi.String(dynamicOriginID),
		DomainName: d.DomainName,
	}
	if !d.VPCOrigin {
		origin.CustomOriginConfig = &cloudfront.DistributionOriginCustomOriginConfigArgs{
			HttpPort:             pulumi.Int(d.HTTPPort),
			HttpsPort:            pulumi.Int(d.HTTPSPort),
			OriginProtocolPolicy: pulumi.String(protocol),
			OriginSslProtocols:   pulumi.ToStringArray([]string{originTLS}),
		}
		return origin, nil, nil
	}
	// A VPC origin reaches an internal ALB through CloudFront-managed ENIs in the VPC (CloudFront
	// Developer Guide, "Restrict access with VPC origins"), so the ALB needs no public address and
	// no CloudFront prefix-list rules (which cost ~55 of a security group's 60 inbound rules).
	vpcOrigin, err := cloudfront.NewVpcOrigin(ctx, name+"-vpc-origin", &cloudfront.VpcOriginArgs{
		VpcOriginEndpointConfig: &cloudfront.VpcOriginVpcOriginEndpointConfigArgs{
			Name:                 pulumi.String(vpcOriginName(ctx, name, protocol)),
			Arn:                  d.LoadBalancerArn,
			HttpPort:             pulumi.Int(d.HTTPPort),
			HttpsPort:            pulumi.Int(d.HTTPSPort),
			OriginProtocolPolicy: pulumi.String(protocol),
			OriginSslProtocols: &cloudfront.VpcOriginVpcOriginEndpointConfigOriginSslProtocolsArgs{
				Items:    pulumi.ToStringArray([]string{originTLS}),
				Quantity: pulumi.Int(1),
			},
		},
		Tags: pulumi.ToStringMap(tags),
	}, parent,
		// Practitioners report that an in-place change of a VPC origin's protocol policy hangs
		// (the provider would update it in place): replace it instead. The new origin, under a
		// name with the new protocol, is created before the distribution moves to it and the old
		// one is deleted (a VPC origin in use cannot be deleted).
		pulumi.ReplaceOnChanges([]string{"vpcOriginEndpointConfig.originProtocolPolicy"}))
	if err != nil {
		return nil, nil, err
	}
	origin.VpcOriginConfig = &cloudfront.DistributionOriginVpcOriginConfigArgs{VpcOriginId: vpcOrigin.ID()}
	return origin, vpcOrigin, nil
}

// vpcOriginName is unique per project, stack, component and protocol, within the 64 characters
// CloudFront allows (the VPC origin's name is not auto-named): the origin that replaces one with
// another protocol exists beside it for a while.
func vpcOriginName(ctx *pulumi.Context, name, protocol string) string {
	suffix := "-" + strings.TrimSuffix(protocol, "-only")
	n := fmt.Sprintf("%s-%s-%s", ctx.Project(), ctx.Stack(), name)
	if len(n)+len(suffix) > 64 {
		n = n[:64-len(suffix)]
	}
	return n + suffix
}

// primaryHost is the first non-wildcard domain name, or "".
func primaryHost(d *CustomDomain) string {
	if d == nil {
		return ""
	}
	for _, n := range d.Names {
		if len(n) < 2 || n[:2] != "*." {
			return n
		}
	}
	return ""
}
