package appimage_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/appimage"
	"github.com/tenkstack/tenk/internal/fielderr"
	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/testkit"
)

// buildContext is a directory with a Dockerfile and a source file.
func buildContext(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "app"), []byte("v1"), 0o755))
	return dir
}

func TestBuildPushesToAnImmutableScannedRepository(t *testing.T) {
	dir := buildContext(t)
	m, b := testkit.Build(t, func(ctx *pulumi.Context) (*appimage.ImageBuild, error) {
		return appimage.NewImageBuild(ctx, "app", &appimage.ImageBuildArgs{Context: dir, KeepReleases: 5, Tags: map[string]string{"team": "shop"},
			BuildArgs: map[string]string{"VERSION": "1.2.3"}})
	})
	repo, ok := m.Named("aws:ecr/repository:Repository", "app-repo")
	require.True(t, ok)
	assert.Equal(t, "IMMUTABLE", repo.String("imageTagMutability"), "a tag names one release forever")
	assert.True(t, repo.Bool("imageScanningConfiguration.scanOnPush"))
	assert.Equal(t, "AES256", repo.String("encryptionConfigurations.0.encryptionType"))
	assert.False(t, repo.Bool("forceDelete"))
	assert.Equal(t, "shop", repo.String("tags.team"))

	lifecycle, ok := m.Named("aws:ecr/lifecyclePolicy:LifecyclePolicy", "app-lifecycle")
	require.True(t, ok)
	var policy struct {
		Rules []struct {
			Selection struct {
				TagStatus, CountType string
				CountNumber          int
			}
			Action struct{ Type string }
		}
	}
	require.NoError(t, json.Unmarshal([]byte(lifecycle.String("policy")), &policy))
	require.Len(t, policy.Rules, 1)
	assert.Equal(t, "imageCountMoreThan", policy.Rules[0].Selection.CountType)
	assert.Equal(t, 5, policy.Rules[0].Selection.CountNumber)
	assert.Equal(t, "any", policy.Rules[0].Selection.TagStatus)
	assert.Equal(t, "expire", policy.Rules[0].Action.Type)

	image, ok := m.Named("docker-build:index:Image", "app-image")
	require.True(t, ok)
	tag, err := appimage.BuildTag(appimage.ImageBuildArgs{Context: dir, BuildArgs: map[string]string{"VERSION": "1.2.3"}})
	require.NoError(t, err)
	url := providers.MockAccountID + ".dkr.ecr.us-east-1.amazonaws.com/app-repo-1a2b3c4"
	assert.Equal(t, []string{url + ":" + tag}, image.Strings("tags"))
	assert.True(t, image.Bool("push"))
	assert.False(t, image.Bool("buildOnPreview"), "a preview never builds, so it needs no Docker")
	v, set := image.Get("buildOnPreview")
	assert.True(t, set, "sent explicitly: the provider's default is true (%v)", v)
	assert.Equal(t, []string{appimage.PlatformArm64}, image.Strings("platforms"))
	assert.Equal(t, dir, image.String("context.location"))
	assert.Equal(t, filepath.Join(dir, "Dockerfile"), image.String("dockerfile.location"))
	assert.Equal(t, "1.2.3", image.String("buildArgs.VERSION"), "the build args reach the build")
	assert.Equal(t, providers.MockAccountID+".dkr.ecr.us-east-1.amazonaws.com", image.String("registries.0.address"))
	assert.Equal(t, "AWS", image.String("registries.0.username"))

	assert.Equal(t, url+"@"+providers.MockBuildDigest([]string{url + ":" + tag}), testkit.Await(t, b.Reference),
		"the release is the pushed digest, not the tag")
	assert.Equal(t, tag, testkit.Await(t, b.Tag))
}

// tag is BuildTag(a).
func tag(t *testing.T, a appimage.ImageBuildArgs) string {
	t.Helper()
	tag, err := appimage.BuildTag(a)
	require.NoError(t, err)
	assert.Regexp(t, `^src-[0-9a-f]{16}$`, tag)
	return tag
}

// write writes content to dir/rel, making its directories.
func write(t *testing.T, dir, rel, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, rel), []byte(content), 0o644))
}

func TestBuildTagFollowsTheSource(t *testing.T) {
	dir := buildContext(t)
	a := appimage.ImageBuildArgs{Context: dir}
	first := tag(t, a)
	assert.Equal(t, first, tag(t, a), "the same source, the same tag")
	assert.Equal(t, first, tag(t, appimage.ImageBuildArgs{Context: dir, Dockerfile: filepath.Join(dir, "Dockerfile"), Platform: appimage.PlatformArm64}),
		"the defaults spelled out are the same build")

	write(t, dir, ".git/HEAD", "ref")
	assert.Equal(t, first, tag(t, a), ".git is not part of the image")

	write(t, dir, "app", "v2")
	assert.NotEqual(t, first, tag(t, a), "new source, new tag: the repository's tags are immutable")

	changed := tag(t, a)
	write(t, dir, "Dockerfile", "FROM scratch\nCOPY app /srv/app\n")
	assert.NotEqual(t, changed, tag(t, a), "a new Dockerfile, a new tag")
}

func TestBuildTagLeavesOutWhatTheDockerignoreExcludes(t *testing.T) {
	dir := buildContext(t)
	write(t, dir, ".dockerignore", "# not sent\n*.log\ndocs\n!docs/keep.md\nnode_modules\n!**/needed.js\n")
	write(t, dir, "build.log", "one")
	write(t, dir, "docs/notes.md", "one")
	write(t, dir, "docs/keep.md", "one")
	write(t, dir, "node_modules/pkg/index.js", "one")
	write(t, dir, "node_modules/pkg/needed.js", "one")
	a := appimage.ImageBuildArgs{Context: dir}
	first := tag(t, a)

	write(t, dir, "build.log", "two")
	write(t, dir, "docs/notes.md", "two")
	write(t, dir, "node_modules/pkg/index.js", "two")
	write(t, dir, "node_modules/other/more.js", "new")
	assert.Equal(t, first, tag(t, a), "files the .dockerignore excludes are not sent, so they do not change the image")

	write(t, dir, "docs/keep.md", "two")
	reincluded := tag(t, a)
	assert.NotEqual(t, first, reincluded, "a file re-included with ! below an excluded directory is sent")

	write(t, dir, "node_modules/pkg/needed.js", "two")
	assert.NotEqual(t, reincluded, tag(t, a), "a wildcard exception reaches into an excluded directory too")
}

func TestBuildTagCoversThePlatformAndTheBuildArgs(t *testing.T) {
	dir := buildContext(t)
	arm := tag(t, appimage.ImageBuildArgs{Context: dir, Platform: appimage.PlatformArm64})
	amd := tag(t, appimage.ImageBuildArgs{Context: dir, Platform: appimage.PlatformAmd64})
	assert.NotEqual(t, arm, amd, "another platform is another image, which the immutable repository needs under a new tag")

	v1 := tag(t, appimage.ImageBuildArgs{Context: dir, BuildArgs: map[string]string{"VERSION": "1", "MODE": "prod"}})
	assert.Equal(t, v1, tag(t, appimage.ImageBuildArgs{Context: dir, BuildArgs: map[string]string{"MODE": "prod", "VERSION": "1"}}))
	assert.NotEqual(t, v1, tag(t, appimage.ImageBuildArgs{Context: dir, BuildArgs: map[string]string{"VERSION": "2", "MODE": "prod"}}),
		"a new build arg value, a new tag")
	assert.NotEqual(t, arm, v1, "build args are part of the tag")
}

func TestBuildTagPrefersTheDockerfilesOwnDockerignore(t *testing.T) {
	dir := buildContext(t)
	write(t, dir, ".dockerignore", "context-ignored.txt\n")
	write(t, dir, "Dockerfile.dockerignore", "dockerfile-ignored.txt\n")
	write(t, dir, "context-ignored.txt", "one")
	write(t, dir, "dockerfile-ignored.txt", "one")
	a := appimage.ImageBuildArgs{Context: dir}
	first := tag(t, a)

	write(t, dir, "dockerfile-ignored.txt", "two")
	assert.Equal(t, first, tag(t, a), "Dockerfile.dockerignore decides")

	write(t, dir, "context-ignored.txt", "two")
	assert.NotEqual(t, first, tag(t, a), "the context's .dockerignore is not read when the Dockerfile has its own")
}

func TestInvalidArgsRegisterNothing(t *testing.T) {
	dir := buildContext(t)
	for name, tc := range map[string]struct {
		args appimage.ImageBuildArgs
		path string
	}{
		"no context":       {appimage.ImageBuildArgs{}, "Context"},
		"missing context":  {appimage.ImageBuildArgs{Context: filepath.Join(dir, "nope")}, "Context"},
		"no dockerfile":    {appimage.ImageBuildArgs{Context: dir, Dockerfile: filepath.Join(dir, "Containerfile")}, "Dockerfile"},
		"platform":         {appimage.ImageBuildArgs{Context: dir, Platform: "linux/s390x"}, "Platform"},
		"too few releases": {appimage.ImageBuildArgs{Context: dir, KeepReleases: 2}, "KeepReleases"},
	} {
		t.Run(name, func(t *testing.T) {
			m, err := testkit.Run(func(ctx *pulumi.Context) error {
				_, err := appimage.NewImageBuild(ctx, "app", &tc.args)
				return err
			}, testkit.RunOptions{})
			require.Error(t, err)
			assert.Contains(t, fielderr.Paths(err), tc.path, err.Error())
			assert.Empty(t, m.Resources())
		})
	}
}
