package main

import (
	"bytes"
	"context"
	"debug/elf"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tenkstack/tenk/app/internal/imagebuild"
	"github.com/tenkstack/tenk/app/internal/testservers"
)

// The whole command, offline: cross-compile for arm64 and amd64, build the index, push it to
// a registry on loopback, and print the digest the registry resolves the tag to. The binaries
// must be static (no interpreter: they run on an empty base). The quick variant builds a
// stand-in program; TENK_IMAGEBUILD_FULL=1 builds the application itself (minutes per
// platform on 2 cores, so not in every make test).
func TestBuildsAndPushes(t *testing.T) {
	t.Run("stand-in", func(t *testing.T) { buildAndPush(t, "./testdata/hello") })
	t.Run("application", func(t *testing.T) {
		if os.Getenv("TENK_IMAGEBUILD_FULL") != "1" {
			t.Skip("set TENK_IMAGEBUILD_FULL=1 to cross-compile the application itself")
		}
		buildAndPush(t, "github.com/tenkstack/tenk/app/cmd/tenk-app")
	})
}

func buildAndPush(t *testing.T, pkg string) {
	srv := httptest.NewServer(registry.New())
	defer srv.Close()
	ref := strings.TrimPrefix(srv.URL, "http://") + "/tenk/app:test"
	ca := filepath.Join(t.TempDir(), "bundle.pem")
	require.NoError(t, os.WriteFile(ca, testservers.NewCA(t).PEM, 0o644))

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(ctx, []string{"--push", ref, "--rds-ca", ca, "--package", pkg}, nil, &stdout, &stderr), stderr.String())

	printed := strings.TrimSpace(stdout.String())
	digest, err := name.NewDigest(printed)
	require.NoError(t, err, "stdout is exactly the digest reference: %q", printed)
	resolved, err := imagebuild.Resolve(ctx, ref)
	require.NoError(t, err)
	assert.Equal(t, resolved, digest)

	idx, err := remote.Index(digest)
	require.NoError(t, err)
	m, err := idx.IndexManifest()
	require.NoError(t, err)
	wantMachine := map[string]elf.Machine{"arm64": elf.EM_AARCH64, "amd64": elf.EM_X86_64}
	require.Len(t, m.Manifests, 2)
	for _, d := range m.Manifests {
		img, err := idx.Image(d.Digest)
		require.NoError(t, err)
		layers, err := img.Layers()
		require.NoError(t, err)
		rc, err := layers[0].Uncompressed()
		require.NoError(t, err)
		bin := extract(t, rc, "tenk-app")
		f, err := elf.NewFile(bytes.NewReader(bin))
		require.NoError(t, err)
		assert.Equal(t, wantMachine[d.Platform.Architecture], f.Machine, d.Platform.Architecture)
		for _, p := range f.Progs {
			assert.NotEqual(t, elf.PT_INTERP, p.Type, "%s binary is dynamically linked", d.Platform.Architecture)
		}
	}
}

func TestRequiresPushAndBundle(t *testing.T) {
	var out, errs bytes.Buffer
	err := run(context.Background(), []string{"--push", "localhost/x:y"}, nil, &out, &errs)
	assert.ErrorContains(t, err, "--push and --rds-ca are required")
	notPEM := filepath.Join(t.TempDir(), "x.pem")
	require.NoError(t, os.WriteFile(notPEM, []byte("nope"), 0o644))
	err = run(context.Background(), []string{"--push", "localhost/x:y", "--rds-ca", notPEM}, nil, &out, &errs)
	assert.ErrorContains(t, err, "holds no PEM certificate")
	assert.Empty(t, out.String())
}
