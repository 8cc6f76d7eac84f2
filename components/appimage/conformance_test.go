package appimage_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/appimage"
	"github.com/tenkstack/tenk/components/internal/conformance"
)

// TestConformance: the component rules of package conformance, with appimage's import budget.
func TestConformance(t *testing.T) {
	dir := buildContext(t)
	conformance.Check(t, conformance.Component{
		Token: appimage.Token,
		New: func(ctx *pulumi.Context, name string, _ int, opts ...pulumi.ResourceOption) error {
			_, err := appimage.NewImageBuild(ctx, name, &appimage.ImageBuildArgs{Context: dir}, opts...)
			return err
		},
		Package: "github.com/tenkstack/tenk/components/appimage",
		Budget:  conformance.Budget{AWS: []string{"ecr"}},
	})
}
