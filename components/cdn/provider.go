package cdn

import (
	"errors"
	"fmt"

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

// checkUsEast1 rejects, before anything is registered, what would stop the component from making
// its own us-east-1 provider when it needs one and was given none.
func checkUsEast1(ctx *pulumi.Context, a StaticAssetsCdnArgs, opts []pulumi.ResourceOption) error {
	if a.UsEast1Provider != nil || !a.needsUsEast1() {
		return nil
	}
	// A us-east-1 stack keeps the inherited provider (the caller's, when given); elsewhere the
	// component would make one from the stack's settings, which a caller's provider overrides.
	if stackRegion, _ := ctx.GetConfig(awsprovider.RegionKey); stackRegion != cloudFrontRegion && awsprovider.Given(opts) {
		return errors.New("UsEast1Provider: the component is given a provider, so CloudFront's certificate and log delivery need one for us-east-1 too (pass the given provider itself when it is in us-east-1): a provider made from the stack's settings could act for another account")
	}
	// The stack's `aws:` settings are copied into the us-east-1 provider: reject malformed ones
	// before anything is registered.
	if _, err := awsprovider.StackSettings(ctx); err != nil {
		return fmt.Errorf("us-east-1 provider: %w", err)
	}
	return nil
}

// usEast1Provider is UsEast1Provider, or one the component makes when it needs one. An explicit
// provider inherits nothing from the stack's `aws:` config (profile, assumed role, allowed
// accounts, default tags), so ForRegion copies them over, or keeps the default provider (nil)
// when the stack already runs in us-east-1.
func usEast1Provider(ctx *pulumi.Context, name string, a StaticAssetsCdnArgs, parent pulumi.ResourceOption) (pulumi.ProviderResource, error) {
	if a.UsEast1Provider != nil || !a.needsUsEast1() {
		return a.UsEast1Provider, nil
	}
	return awsprovider.ForRegion(ctx, name+"-us-east-1", cloudFrontRegion, parent)
}
