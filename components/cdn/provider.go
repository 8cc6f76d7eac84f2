package cdn

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/awsprovider"
)

// NewUsEast1Provider returns the AWS provider for CloudFront's us-east-1 resources, built as
// StaticAssetsCdn builds its own: nil (use the default provider, with all of the stack's `aws:`
// settings) when the stack's `aws:region` is us-east-1, else a provider named name for us-east-1
// that carries the stack's credentials, account guards and tag rules. Create it once and pass it
// to StaticAssetsCdnArgs.UsEast1Provider and to anything else CloudFront needs in us-east-1 (a
// CLOUDFRONT-scoped web ACL), so the stack has one us-east-1 provider.
func NewUsEast1Provider(ctx *pulumi.Context, name string, opts ...pulumi.ResourceOption) (pulumi.ProviderResource, error) {
	return awsprovider.ForRegion(ctx, name, cloudFrontRegion, opts...)
}

// NeedsUsEast1 reports whether a StaticAssetsCdn built from these args creates children in
// us-east-1 (the viewer certificate, access-log delivery) and so uses UsEast1Provider.
func (a StaticAssetsCdnArgs) NeedsUsEast1() bool {
	return a.withDefaults().needsUsEast1()
}
