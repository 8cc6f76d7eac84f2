package appimage

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi-docker-build/sdk/go/dockerbuild"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/protect"
)

// ImageBuild is the application's image: an ECR repository and the image built from a build
// context and pushed to it.
type ImageBuild struct {
	pulumi.ResourceState

	// RepositoryURL is "<account>.dkr.ecr.<region>.amazonaws.com/<name>".
	RepositoryURL pulumi.StringOutput
	// RepositoryArn is the repository's ARN, the resource pull permissions name.
	RepositoryArn pulumi.StringOutput
	// Tag is the tag this build was pushed under (BuildTag).
	Tag pulumi.StringOutput
	// Digest is the pushed image's manifest digest, "sha256:…".
	Digest pulumi.StringOutput
	// Reference is RepositoryURL@Digest: the release, for webtier.ContainerImage.Reference.
	Reference pulumi.StringOutput

	// Repository is the ECR repository, for callers adding a repository policy.
	Repository *ecr.Repository
}

// NewImageBuild validates args, then creates the repository (encrypted, scan on push, immutable
// tags), its lifecycle policy and the image build, as children of one ImageBuild component.
func NewImageBuild(ctx *pulumi.Context, name string, args *ImageBuildArgs, opts ...pulumi.ResourceOption) (*ImageBuild, error) {
	if args == nil {
		args = &ImageBuildArgs{}
	}
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("appimage %q: %w", name, err)
	}
	a := args.withDefaults()
	tag, err := BuildTag(a)
	if err != nil {
		return nil, fmt.Errorf("appimage %q: %w", name, err)
	}
	b := &ImageBuild{}
	if err := ctx.RegisterComponentResource(Token, name, b, protect.Register(a.Protect, opts)...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(b)
	repo, err := repository(ctx, name, &a, parent)
	if err != nil {
		return nil, err
	}
	image, err := build(ctx, name, &a, repo, tag, parent)
	if err != nil {
		return nil, err
	}
	b.Repository = repo
	b.RepositoryURL, b.RepositoryArn = repo.RepositoryUrl, repo.Arn
	b.Tag = pulumi.String(tag).ToStringOutput()
	b.Digest = image.Digest
	b.Reference = pulumi.Sprintf("%s@%s", repo.RepositoryUrl, image.Digest)
	return b, ctx.RegisterResourceOutputs(b, pulumi.Map{
		"repositoryUrl": b.RepositoryURL,
		"repositoryArn": b.RepositoryArn,
		"tag":           b.Tag,
		"digest":        b.Digest,
		"reference":     b.Reference,
	})
}

// repository is the ECR repository and its lifecycle policy.
func repository(ctx *pulumi.Context, name string, a *ImageBuildArgs, parent pulumi.ResourceOrInvokeOption) (*ecr.Repository, error) {
	encryption := &ecr.RepositoryEncryptionConfigurationArgs{EncryptionType: pulumi.String("AES256")}
	if a.KmsKeyArn != nil {
		encryption = &ecr.RepositoryEncryptionConfigurationArgs{EncryptionType: pulumi.String("KMS"), KmsKey: a.KmsKeyArn}
	}
	repo, err := ecr.NewRepository(ctx, name+"-repo", &ecr.RepositoryArgs{
		EncryptionConfigurations:   ecr.RepositoryEncryptionConfigurationArray{encryption},
		ImageScanningConfiguration: &ecr.RepositoryImageScanningConfigurationArgs{ScanOnPush: pulumi.Bool(true)},
		// A pushed tag never moves: a tag names one release forever.
		ImageTagMutability: pulumi.String("IMMUTABLE"),
		ForceDelete:        pulumi.Bool(a.ForceDelete),
		Tags:               pulumi.ToStringMap(a.Tags),
	}, parent)
	if err != nil {
		return nil, err
	}
	if _, err := ecr.NewLifecyclePolicy(ctx, name+"-lifecycle", &ecr.LifecyclePolicyArgs{
		Repository: repo.Name,
		Policy:     pulumi.String(LifecyclePolicy(a.KeepReleases)),
	}, parent); err != nil {
		return nil, err
	}
	return repo, nil
}

// LifecyclePolicy keeps the newest keep images of the repository and expires the rest (ECR
// lifecycle policy "imageCountMoreThan" on any tag status).
func LifecyclePolicy(keep int) string {
	rule := map[string]any{
		"rulePriority": 1,
		"description":  fmt.Sprintf("keep the last %d releases", keep),
		"selection":    map[string]any{"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": keep},
		"action":       map[string]any{"type": "expire"},
	}
	b, _ := json.Marshal(map[string]any{"rules": []any{rule}}) // maps of strings and numbers always marshal
	return string(b)
}

// build is the docker-build Image: built for the instances' platform and pushed to repo under
// tag, with ECR credentials from the deployer's AWS identity. A preview never builds
// (BuildOnPreview false: pulumi-docker-build v0.0.22 provider/internal/image.go, Create returns
// before building when DryRun and !shouldBuildOnPreview), so previews need no Docker.
func build(ctx *pulumi.Context, name string, a *ImageBuildArgs, repo *ecr.Repository, tag string, parent pulumi.ResourceOrInvokeOption) (*dockerbuild.Image, error) {
	token := ecr.GetAuthorizationTokenOutput(ctx, ecr.GetAuthorizationTokenOutputArgs{RegistryId: repo.RegistryId}, parent)
	registry := repo.RepositoryUrl.ApplyT(func(url string) string { return strings.SplitN(url, "/", 2)[0] }).(pulumi.StringOutput)
	return dockerbuild.NewImage(ctx, name+"-image", &dockerbuild.ImageArgs{
		Context:        &dockerbuild.BuildContextArgs{Location: pulumi.String(a.Context)},
		Dockerfile:     &dockerbuild.DockerfileArgs{Location: pulumi.String(a.Dockerfile)},
		Platforms:      dockerbuild.PlatformArray{dockerbuild.Platform(a.Platform)},
		BuildArgs:      pulumi.ToStringMap(a.BuildArgs),
		Tags:           pulumi.StringArray{pulumi.Sprintf("%s:%s", repo.RepositoryUrl, tag)},
		Push:           pulumi.Bool(true),
		BuildOnPreview: pulumi.Bool(false),
		Registries: dockerbuild.RegistryArray{&dockerbuild.RegistryArgs{
			Address:  registry,
			Username: token.UserName(),
			Password: pulumi.ToSecret(token.Password()).(pulumi.StringOutput),
		}},
	}, parent)
}
