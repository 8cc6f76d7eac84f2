package cdn_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/cdn"
)

// ExampleNewStaticAssetsCdn puts a caller's own load balancer behind CloudFront on a custom
// domain: /static/* and /assets/* come from the private bucket, everything else from the ALB.
func ExampleNewStaticAssetsCdn() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		// In a real program this is the ALB's DnsName output (for example from components/webtier).
		albDNSName := pulumi.String("web-alb-1234567890.eu-west-1.elb.amazonaws.com")

		site, err := cdn.NewStaticAssetsCdn(ctx, "site", &cdn.StaticAssetsCdnArgs{
			DynamicOrigin: &cdn.DynamicOrigin{
				DomainName:         albDNSName,
				StaticPathPatterns: []string{"/static/*", "/assets/*"},
			},
			Domain: &cdn.CustomDomain{
				Names:        []string{"example.com", "www.example.com"},
				HostedZoneID: pulumi.String("Z0123456789ABCDEFGHIJ"),
			},
			CorsRules: []cdn.CorsRule{{AllowedOrigins: []string{"https://example.com"}}},
			Protect:   true,
			Tags:      map[string]string{"app": "shop"},
		})
		if err != nil {
			return err
		}
		ctx.Export("url", site.URL)
		ctx.Export("assetsBucket", site.BucketName)
		ctx.Export("distributionId", site.DistributionID)
		return nil
	})
}
