package waf_test

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/cdn"
	"github.com/tenkstack/tenk/components/waf"
)

// A web ACL in front of a static site: the distribution takes the ACL's ARN. Both use the same
// us-east-1 provider, since CloudFront's web ACLs live there whatever the stack's Region.
func ExampleNewWebAcl() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		usEast1, err := aws.NewProvider(ctx, "us-east-1", &aws.ProviderArgs{Region: pulumi.String("us-east-1")})
		if err != nil {
			return err
		}
		acl, err := waf.NewWebAcl(ctx, "site-waf", &waf.WebAclArgs{
			Name:            "site-prod",
			RateLimit:       1000,
			UsEast1Provider: usEast1,
		})
		if err != nil {
			return err
		}
		site, err := cdn.NewStaticAssetsCdn(ctx, "site", &cdn.StaticAssetsCdnArgs{
			WebACLArn:       acl.Arn,
			UsEast1Provider: usEast1,
		})
		if err != nil {
			return err
		}
		ctx.Export("url", site.URL)
		return nil
	})
}
