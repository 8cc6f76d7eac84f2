// Package imagebuild makes the application's multi-arch OCI image without a Docker daemon and
// without pulling a base image: one layer per platform holding the static binary and the RDS
// CA bundle, on an empty ("scratch") base, pushed with go-containerregistry. A release is the
// index's digest, resolved back from the registry.
package imagebuild

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"io"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// EntrypointPath is where the binary goes; the image runs it as NonRoot.
const EntrypointPath = "/tenk-app"

// NonRoot is the user the container runs as (distroless's "nonroot"); it needs no file of its
// own in the image.
const NonRoot = "65532:65532"

// File is one file in the image.
type File struct {
	Path string // absolute path in the image
	Data []byte
	Mode int64
}

// Platform is one image of the index: its platform and its binary.
type Platform struct {
	OS, Arch string
	Binary   []byte
}

// Build returns the OCI index of one image per platform, each holding its binary at
// EntrypointPath plus files. Every timestamp is the Unix epoch, so the same inputs give the
// same digest.
func Build(platforms []Platform, files []File) (v1.ImageIndex, error) {
	if len(platforms) == 0 {
		return nil, fmt.Errorf("imagebuild: no platform")
	}
	var idx v1.ImageIndex = mutate.IndexMediaType(empty.Index, types.OCIImageIndex)
	for _, p := range platforms {
		img, err := image(p, files)
		if err != nil {
			return nil, fmt.Errorf("imagebuild: %s/%s: %w", p.OS, p.Arch, err)
		}
		idx = mutate.AppendManifests(idx, mutate.IndexAddendum{
			Add:        img,
			Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: p.OS, Architecture: p.Arch}},
		})
	}
	return idx, nil
}

func image(p Platform, files []File) (v1.Image, error) {
	all := append([]File{{Path: EntrypointPath, Data: p.Binary, Mode: 0o755}}, files...)
	tarBytes, err := tarOf(all)
	if err != nil {
		return nil, err
	}
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(tarBytes)), nil
	}, tarball.WithMediaType(types.OCILayer))
	if err != nil {
		return nil, err
	}
	base := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
	base = mutate.ConfigMediaType(base, types.OCIConfigJSON)
	img, err := mutate.AppendLayers(base, layer)
	if err != nil {
		return nil, err
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, err
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = p.OS, p.Arch
	cf.Created = v1.Time{Time: time.Unix(0, 0).UTC()}
	cf.Config.Entrypoint = []string{EntrypointPath}
	cf.Config.User = NonRoot
	cf.Config.Labels = map[string]string{
		"org.opencontainers.image.title":  "tenk reference application",
		"org.opencontainers.image.source": "https://github.com/tenkstack/tenk/tree/main/app",
	}
	return mutate.ConfigFile(img, cf)
}

// tarOf writes files, their parent directories first, with fixed owners and times.
func tarOf(files []File) ([]byte, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	epoch := time.Unix(0, 0)
	dirs := map[string]bool{}
	for _, f := range files {
		for _, d := range parents(f.Path) {
			if dirs[d] {
				continue
			}
			dirs[d] = true
			if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: d[1:] + "/", Mode: 0o755, ModTime: epoch, Format: tar.FormatPAX}); err != nil {
				return nil, err
			}
		}
		hdr := &tar.Header{Typeflag: tar.TypeReg, Name: f.Path[1:], Mode: f.Mode, Size: int64(len(f.Data)), ModTime: epoch, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.Data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// parents of "/a/b/c" are "/a" and "/a/b".
func parents(p string) []string {
	var out []string
	for i := 1; i < len(p); i++ {
		if p[i] == '/' {
			out = append(out, p[:i])
		}
	}
	return out
}

// Push writes the index to ref (a tag) and returns the digest reference the registry now
// resolves ref to: repository@sha256:…, what a stack deploys. Credentials come from the Docker
// config (docker login, crane auth login, or an ECR credential helper).
func Push(ctx context.Context, ref string, idx v1.ImageIndex) (name.Digest, error) {
	r, err := name.ParseReference(ref)
	if err != nil {
		return name.Digest{}, fmt.Errorf("image reference %q: %w", ref, err)
	}
	if err := remote.WriteIndex(r, idx, remote.WithContext(ctx), remote.WithAuthFromKeychain(authn.DefaultKeychain)); err != nil {
		return name.Digest{}, fmt.Errorf("push %s: %w", r, err)
	}
	return Resolve(ctx, r.String())
}

// Resolve asks the registry which digest ref (a tag or a digest) names now, with a HEAD of the
// manifest (Docker-Content-Digest), as a deploy does.
func Resolve(ctx context.Context, ref string) (name.Digest, error) {
	r, err := name.ParseReference(ref)
	if err != nil {
		return name.Digest{}, fmt.Errorf("image reference %q: %w", ref, err)
	}
	desc, err := remote.Head(r, remote.WithContext(ctx), remote.WithAuthFromKeychain(authn.DefaultKeychain))
	if err != nil {
		return name.Digest{}, fmt.Errorf("resolve %s: %w", r, err)
	}
	return r.Context().Digest(desc.Digest.String()), nil
}
