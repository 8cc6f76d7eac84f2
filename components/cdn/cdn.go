package cdn

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudfront"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/outputs"
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

// StaticAssetsCdn is the site's CloudFront distribution: a private S3 bucket for the static
// assets and, with DynamicOrigin, the web tier as the default origin for everything else. The name
// predates the dynamic origin and stays (it is in the token).
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
	assets, err := collectUploads(a.UploadDirectory)
	if err != nil {
		return nil, fmt.Errorf("cdn %q: UploadDirectory: %w", name, err)
	}
	if err := checkUsEast1(ctx, a, opts); err != nil {
		return nil, fmt.Errorf("cdn %q: %w", name, err)
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
	usEast1, err := usEast1Provider(ctx, name, a, parent)
	if err != nil {
		return nil, fmt.Errorf("cdn %q: us-east-1 provider: %w", name, err)
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
	if err := uploadAssets(ctx, name, assets, assetsBucket.Bucket, parent); err != nil {
		return nil, err
	}
	c.setOutputs(a, dist)
	if err := outputs.Register(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// setOutputs fills the outputs from the bucket and the distribution.
func (c *StaticAssetsCdn) setOutputs(a StaticAssetsCdnArgs, dist *cloudfront.Distribution) {
	c.BucketName = c.Bucket.Bucket
	c.BucketArn = c.Bucket.Arn
	c.DistributionID = dist.ID().ToStringOutput()
	c.DistributionArn = dist.Arn
	c.DomainName = dist.DomainName
	c.HostedZoneID = dist.HostedZoneId
	c.URL = pulumi.Sprintf("https://%s", dist.DomainName)
	if host := primaryHost(a.Domain); host != "" {
		c.URL = pulumi.String("https://" + host).ToStringOutput()
	}
}

// distribution builds the origins, the optional CORS cache policy and certificate, and the
// distribution itself.
func distribution(ctx *pulumi.Context, name string, a StaticAssetsCdnArgs, bucket *s3.BucketV2, usEast1 pulumi.ProviderResource, parent pulumi.ResourceOption) (*cloudfront.Distribution, *cloudfront.VpcOrigin, error) {
	origins, vpcOrigin, err := distributionOrigins(ctx, name, a, bucket, parent)
	if err != nil {
		return nil, nil, err
	}
	corsCachePolicy, err := corsCachePolicy(ctx, name, a, parent)
	if err != nil {
		return nil, nil, err
	}
	def, ordered := cacheBehaviors(a, corsCachePolicy)
	viewerCert, aliases, err := viewerCertificate(ctx, name, a, usEast1, parent)
	if err != nil {
		return nil, nil, err
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
		Enabled:               pulumi.Bool(true),
		Comment:               pulumi.String(name),
		Aliases:               aliases,
		Origins:               origins,
		DefaultRootObject:     rootObject,
		HttpVersion:           pulumi.String("http2and3"),
		IsIpv6Enabled:         pulumi.Bool(true),
		PriceClass:            pulumi.String(a.PriceClass),
		DefaultCacheBehavior:  def,
		OrderedCacheBehaviors: ordered,
		CustomErrorResponses:  errorResponses(a.SinglePageApp),
		Restrictions:          &cloudfront.DistributionRestrictionsArgs{GeoRestriction: geoRestriction(a.GeoRestriction)},
		ViewerCertificate:     viewerCert,
		WebAclId:              webACL,
		Tags:                  pulumi.ToStringMap(a.Tags),
	}, parent)
	return dist, vpcOrigin, err
}

// distributionOrigins are the assets bucket through Origin Access Control and, with a
// DynamicOrigin, the web tier.
func distributionOrigins(ctx *pulumi.Context, name string, a StaticAssetsCdnArgs, bucket *s3.BucketV2, parent pulumi.ResourceOption) (cloudfront.DistributionOriginArray, *cloudfront.VpcOrigin, error) {
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
	if a.DynamicOrigin == nil {
		return origins, nil, nil
	}
	origin, vpcOrigin, err := dynamicOrigin(ctx, name, a.DynamicOrigin, a.Tags, parent)
	if err != nil {
		return nil, nil, err
	}
	return append(origins, origin), vpcOrigin, nil
}

// geoRestriction is the distribution's geographic restriction: none unless GeoRestriction is set.
func geoRestriction(g *GeoRestriction) *cloudfront.DistributionRestrictionsGeoRestrictionArgs {
	if g == nil {
		return &cloudfront.DistributionRestrictionsGeoRestrictionArgs{RestrictionType: pulumi.String("none")}
	}
	return &cloudfront.DistributionRestrictionsGeoRestrictionArgs{
		RestrictionType: pulumi.String(g.Type),
		Locations:       pulumi.ToStringArray(g.Locations),
	}
}

// errorResponses serve /index.html for a missing key in a single-page app, so client-side routes
// load; none otherwise.
func errorResponses(singlePageApp bool) cloudfront.DistributionCustomErrorResponseArray {
	if !singlePageApp {
		return nil
	}
	var out cloudfront.DistributionCustomErrorResponseArray
	// S3 answers 403 (not 404) for a missing key when the caller may not list the bucket.
	for _, code := range []int{403, 404} {
		out = append(out, &cloudfront.DistributionCustomErrorResponseArgs{
			ErrorCode:          pulumi.Int(code),
			ResponseCode:       pulumi.Int(200),
			ResponsePagePath:   pulumi.String("/index.html"),
			ErrorCachingMinTtl: pulumi.Int(10),
		})
	}
	return out
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
