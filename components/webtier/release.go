package webtier

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// amiParameter is the SSM parameter an image ID names: the default AL2023 parameter for arch,
// the one a "resolve:ssm:" ImageID gives, or "" for an AMI ID (or an output), used as it is.
func amiParameter(imageID pulumi.StringInput, arch Architecture) string {
	if imageID == nil {
		return al2023Parameter + string(arch)
	}
	if s, ok := imageID.(pulumi.String); ok {
		if path, ok := strings.CutPrefix(string(s), "resolve:ssm:"); ok {
			return path
		}
	}
	return ""
}

// pinImage returns the concrete AMI ID the launch template carries. Auto Scaling refuses
// AutoRollback when the template's image is an SSM parameter (RefreshPreferences.AutoRollback),
// so an SSM-named image is resolved at deploy and kept in a Stash, whose output stays the value
// it was created with: a newer AMI is adopted only when the stash is replaced
// (`pulumi up --replace <AmiPinURN>`), never as a side effect of an unrelated deploy. The stash is
// nil when ImageID is an AMI ID.
func pinImage(ctx *pulumi.Context, name string, imageID pulumi.StringInput, arch Architecture, parent pulumi.Resource) (pulumi.StringOutput, *pulumi.Stash, error) {
	param := amiParameter(imageID, arch)
	if param == "" {
		return imageID.ToStringOutput(), nil, nil
	}
	latest := ssm.LookupParameterOutput(ctx, ssm.LookupParameterOutputArgs{Name: pulumi.String(param)}, pulumi.Parent(parent))
	stash, err := pulumi.NewStash(ctx, name+"-ami", &pulumi.StashArgs{Input: latest.Value()}, pulumi.Parent(parent))
	if err != nil {
		return pulumi.StringOutput{}, nil, err
	}
	ami := stash.Output.ApplyT(func(v any) (string, error) {
		s, ok := v.(string)
		if !ok || !strings.HasPrefix(s, "ami-") {
			return "", fmt.Errorf("webtier %q: the SSM parameter %s holds %v, not an AMI ID", name, param, v)
		}
		return s, nil
	}).(pulumi.StringOutput)
	return ami, stash, nil
}

// releaseReference is the image reference the launch template carries, always pinned by
// digest: a digest reference as it is; an ECR tag resolved to the digest it points at now
// (ecr.getImage, at every deploy, so re-pushing the tag and deploying is a visible release); an
// output checked to be a digest reference when it resolves.
func releaseReference(ctx *pulumi.Context, name string, ref pulumi.StringInput, parent pulumi.Resource) pulumi.StringOutput {
	if s, ok := ref.(pulumi.String); ok {
		r, _ := ParseImageRef(string(s)) // Validate accepted it
		if r.Digest != "" {
			return pulumi.String(r.Pinned()).ToStringOutput()
		}
		image := ecr.GetImageOutput(ctx, ecr.GetImageOutputArgs{
			RegistryId:     pulumi.String(r.ECR.Account),
			RepositoryName: pulumi.String(r.ECR.Name),
			ImageTag:       pulumi.String(r.Tag),
		}, pulumi.Parent(parent))
		return image.ImageDigest().ApplyT(func(digest string) string {
			return r.Repository + "@" + digest
		}).(pulumi.StringOutput)
	}
	return ref.ToStringOutput().ApplyT(func(s string) (string, error) {
		r, ok := ParseImageRef(s)
		if !ok || r.Digest == "" {
			return "", fmt.Errorf("webtier %q: Application.Image.Reference resolved to %q: an output must be pinned by digest (<repository>@sha256:…)", name, s)
		}
		return r.Pinned(), nil
	}).(pulumi.StringOutput)
}
