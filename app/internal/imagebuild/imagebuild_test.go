package imagebuild

import (
	"archive/tar"
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func platforms() []Platform {
	return []Platform{
		{OS: "linux", Arch: "arm64", Binary: []byte("arm64 binary")},
		{OS: "linux", Arch: "amd64", Binary: []byte("amd64 binary")},
	}
}

var caFile = File{Path: "/etc/ssl/certs/rds-global-bundle.pem", Data: []byte("-----BEGIN CERTIFICATE-----\n"), Mode: 0o444}

// localRegistry is an OCI registry on loopback, for the test's lifetime.
func localRegistry(t *testing.T) string {
	srv := httptest.NewServer(registry.New())
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

func TestBuildPushResolve(t *testing.T) {
	ctx := context.Background()
	idx, err := Build(platforms(), []File{caFile})
	require.NoError(t, err)
	want, err := idx.Digest()
	require.NoError(t, err)

	ref := localRegistry(t) + "/tenk/app:v1"
	got, err := Push(ctx, ref, idx)
	require.NoError(t, err)
	assert.Equal(t, want.String(), got.DigestStr(), "the registry resolves the tag to the index we built")
	assert.True(t, strings.HasSuffix(got.String(), "/tenk/app@"+want.String()), got.String())

	byDigest, err := Resolve(ctx, got.String())
	require.NoError(t, err)
	assert.Equal(t, got, byDigest)

	// Pull it back by digest: one image per platform, scratch-based, non-root, our files.
	pulled, err := remote.Index(got)
	require.NoError(t, err)
	mt, _ := pulled.MediaType()
	assert.Equal(t, types.OCIImageIndex, mt)
	manifest, err := pulled.IndexManifest()
	require.NoError(t, err)
	require.Len(t, manifest.Manifests, 2)
	for i, p := range platforms() {
		d := manifest.Manifests[i]
		assert.Equal(t, p.Arch, d.Platform.Architecture)
		img, err := pulled.Image(d.Digest)
		require.NoError(t, err)
		cf, err := img.ConfigFile()
		require.NoError(t, err)
		assert.Equal(t, p.Arch, cf.Architecture)
		assert.Equal(t, []string{EntrypointPath}, cf.Config.Entrypoint)
		assert.Equal(t, NonRoot, cf.Config.User)
		layers, err := img.Layers()
		require.NoError(t, err)
		require.Len(t, layers, 1, "no base image: one layer")
		files := untar(t, layers[0])
		assert.Equal(t, string(p.Binary), files["tenk-app"].data)
		assert.Equal(t, int64(0o755), files["tenk-app"].mode)
		assert.Equal(t, string(caFile.Data), files["etc/ssl/certs/rds-global-bundle.pem"].data)
		assert.Contains(t, files, "etc/ssl/certs/", "parent directories exist")
	}
}

func TestBuildIsReproducible(t *testing.T) {
	a, err := Build(platforms(), []File{caFile})
	require.NoError(t, err)
	b, err := Build(platforms(), []File{caFile})
	require.NoError(t, err)
	da, _ := a.Digest()
	db, _ := b.Digest()
	assert.Equal(t, da, db)

	changed := platforms()
	changed[0].Binary = []byte("another release")
	c, err := Build(changed, []File{caFile})
	require.NoError(t, err)
	dc, _ := c.Digest()
	assert.NotEqual(t, da, dc, "a new binary is a new release")
}

func TestRePushingATagMovesItButNotTheDigest(t *testing.T) {
	ctx := context.Background()
	reg := localRegistry(t)
	first, err := Build(platforms(), nil)
	require.NoError(t, err)
	d1, err := Push(ctx, reg+"/tenk/app:latest", first)
	require.NoError(t, err)
	changed := platforms()
	changed[1].Binary = []byte("v2")
	second, err := Build(changed, nil)
	require.NoError(t, err)
	d2, err := Push(ctx, reg+"/tenk/app:latest", second)
	require.NoError(t, err)
	assert.NotEqual(t, d1, d2)
	still, err := remote.Index(d1)
	require.NoError(t, err, "the first release stays reachable by its digest")
	sd, _ := still.Digest()
	assert.Equal(t, d1.DigestStr(), sd.String())
}

func TestErrors(t *testing.T) {
	_, err := Build(nil, nil)
	assert.ErrorContains(t, err, "no platform")
	_, err = Resolve(context.Background(), "UPPER/case:tag")
	assert.ErrorContains(t, err, `image reference "UPPER/case:tag"`)
	_, err = Resolve(context.Background(), localRegistry(t)+"/nothing:here")
	assert.ErrorContains(t, err, "resolve")
}

type file struct {
	data string
	mode int64
}

func untar(t *testing.T, l interface{ Uncompressed() (io.ReadCloser, error) }) map[string]file {
	rc, err := l.Uncompressed()
	require.NoError(t, err)
	defer rc.Close()
	out := map[string]file{}
	tr := tar.NewReader(rc)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		require.NoError(t, err)
		b, _ := io.ReadAll(tr)
		out[h.Name] = file{string(b), h.Mode}
	}
}
