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
		return appimage.NewImageBuild(ctx, "app", &appimage.ImageBuildArgs{Context: dir, KeepReleases: 5, Tags: map[string]string{"team": "shop"}})
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
	tag, err := appimage.ContextTag(dir, filepath.Join(dir, "Dockerfile"))
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
	assert.Equal(t, providers.MockAccountID+".dkr.ecr.us-east-1.amazonaws.com", image.String("registries.0.address"))
	assert.Equal(t, "AWS", image.String("registries.0.username"))

	assert.Equal(t, url+"@"+providers.MockBuildDigest([]string{url + ":" + tag}), testkit.Await(t, b.Reference),
		"the release is the pushed digest, not the tag")
	assert.Equal(t, tag, testkit.Await(t, b.Tag))
}

func TestContextTagFollowsTheSource(t *testing.T) {
	dir := buildContext(t)
	dockerfile := filepath.Join(dir, "Dockerfile")
	first, err := appimage.ContextTag(dir, dockerfile)
	require.NoError(t, err)
	assert.Regexp(t, `^src-[0-9a-f]{16}$`, first)
	again, err := appimage.ContextTag(dir, dockerfile)
	require.NoError(t, err)
	assert.Equal(t, first, again, "the same source, the same tag")

	require.NoError(t, os.MkdirAll(filepath.Join(dir, ".git"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".git", "HEAD"), []byte("ref"), 0o644))
	ignored, err := appimage.ContextTag(dir, dockerfile)
	require.NoError(t, err)
	assert.Equal(t, first, ignored, ".git is not part of the image")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "app"), []byte("v2"), 0o755))
	changed, err := appimage.ContextTag(dir, dockerfile)
	require.NoError(t, err)
	assert.NotEqual(t, first, changed, "new source, new tag: the repository's tags are immutable")
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
