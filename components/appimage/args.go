package appimage

import (
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// Token is ImageBuild's type token; it is part of every child's URN, so it never changes.
const Token = "tenk:app:ImageBuild"

// Platforms the web tier's instances run (Amazon Linux 2023 on Graviton or x86).
const (
	// PlatformArm64 is Graviton.
	PlatformArm64 = "linux/arm64"
	// PlatformAmd64 is Intel and AMD.
	PlatformAmd64 = "linux/amd64"
)

// ImageBuildArgs configures an ImageBuild. Context is required.
type ImageBuildArgs struct {
	// Context is the Docker build context, a directory (relative to the Pulumi project, or
	// absolute). It must exist when the program runs, even for a preview. Required.
	Context string
	// Dockerfile is the Dockerfile's path. Default: Context/Dockerfile.
	Dockerfile string
	// Platform is the image's platform: PlatformArm64 for Graviton instances, PlatformAmd64 for
	// x86. Default: PlatformArm64.
	Platform string
	// BuildArgs are the build's ARG values (docker build --build-arg); they are part of the
	// build's tag (BuildTag). Default: none.
	BuildArgs map[string]string
	// KeepReleases is how many images the repository keeps (older ones expire), 3–1000: the
	// running release, the one a rollback returns to, and the one rolling out. Default: 10.
	KeepReleases int
	// KmsKeyArn encrypts the repository with a customer-managed KMS key instead of ECR's
	// AES-256. Replacing it replaces the repository. Default: nil (AES-256).
	KmsKeyArn pulumi.StringInput
	// ForceDelete lets `pulumi destroy` delete the repository while it still holds images.
	// Default: false.
	ForceDelete bool
	// Protect marks the repository pulumi.Protect, so `pulumi destroy` refuses to delete it.
	// Default: false.
	Protect bool
	// Tags are added to the repository. Default: none.
	Tags map[string]string
}

// DefaultKeepReleases is KeepReleases' default: the running release, the one a rollback returns
// to, the one rolling out, and room for a few more.
const DefaultKeepReleases = 10

// DefaultDockerfile is Dockerfile's default for a build context: its "Dockerfile".
func DefaultDockerfile(context string) string { return filepath.Join(context, "Dockerfile") }

func (a ImageBuildArgs) withDefaults() ImageBuildArgs {
	if a.Dockerfile == "" && a.Context != "" {
		a.Dockerfile = DefaultDockerfile(a.Context)
	}
	if a.Platform == "" {
		a.Platform = PlatformArm64
	}
	if a.KeepReleases == 0 {
		a.KeepReleases = DefaultKeepReleases
	}
	return a
}

// Validate reports every problem with the arguments, each naming the field, the limit and the
// fix; it reads the build context's directory and Dockerfile (they must exist, also for a
// preview).
func (a ImageBuildArgs) Validate() error {
	a = a.withDefaults()
	var l fielderr.List
	if a.Context == "" {
		l.Addf("Context", "is required: give the directory Docker builds the image from (the one holding the Dockerfile)")
	} else if st, err := os.Stat(a.Context); err != nil || !st.IsDir() {
		l.Addf("Context", "%q is not a directory here: give the build context's path, relative to the Pulumi project", a.Context)
	} else if st, err := os.Stat(a.Dockerfile); err != nil || st.IsDir() {
		l.Addf("Dockerfile", "%q does not exist: add a Dockerfile to the build context or give its path", a.Dockerfile)
	}
	fielderr.OneOf(&l, "Platform", a.Platform, PlatformArm64, PlatformAmd64)
	fielderr.Range(&l, "KeepReleases", a.KeepReleases, 3, 1000, "")
	l.Tags("Tags", a.Tags, 50, "ECR")
	return l.Err()
}
