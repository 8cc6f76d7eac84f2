package cdn_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/cdn"
	"github.com/tenkstack/tenk/components/internal/conformance"
)

// TestConformance: the component rules of package conformance, with cdn's import budget.
func TestConformance(t *testing.T) {
	conformance.Check(t, conformance.Component{
		Token: cdn.Token,
		New: func(ctx *pulumi.Context, name string, _ int, opts ...pulumi.ResourceOption) error {
			caller, err := pulumi.NewResourceOptions(opts...)
			if err != nil {
				return err
			}
			_, err = cdn.NewStaticAssetsCdn(ctx, name, &cdn.StaticAssetsCdnArgs{
				UsEast1Provider: caller.Provider, // a caller that gives a provider gives us-east-1's
				Domain:          &cdn.CustomDomain{Names: []string{"example.com"}, HostedZoneID: pulumi.String("Z0123456789ABC")},
				DynamicOrigin: &cdn.DynamicOrigin{
					DomainName: pulumi.String("origin.example.com"), HTTPS: true, VPCOrigin: true, LoadBalancerArn: pulumi.String(albArn),
				},
			}, opts...)
			return err
		},
		Budget:  conformance.Budget{AWS: []string{"acm", "cloudfront", "cloudwatch", "route53", "s3"}},
		Outputs: &cdn.StaticAssetsCdn{},
	})
}
