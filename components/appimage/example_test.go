package appimage_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/appimage"
	"github.com/tenkstack/tenk/components/webtier"
)

// ExampleNewImageBuild builds ./app for Graviton instances and runs the pushed digest on a web
// tier: a new commit is a new digest, a new launch template version and a rolled-out release.
func ExampleNewImageBuild() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		image, err := appimage.NewImageBuild(ctx, "shop-image", &appimage.ImageBuildArgs{
			Context:      "./app",
			Platform:     appimage.PlatformArm64,
			KeepReleases: 20,
		})
		if err != nil {
			return err
		}
		_, err = webtier.NewMultiAZWebTier(ctx, "shop-web", &webtier.MultiAZWebTierArgs{
			VpcID:             pulumi.String("vpc-0a1b2c3d4e5f67890"),
			InstanceSubnetIDs: []pulumi.StringInput{pulumi.String("subnet-0aaa1111"), pulumi.String("subnet-0bbb2222")},
			InstanceType:      "t4g.small",
			Application:       webtier.Application{Image: &webtier.ContainerImage{Reference: image.Reference}},
		})
		return err
	})
}
