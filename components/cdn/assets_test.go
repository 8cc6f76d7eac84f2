package cdn

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContentType(t *testing.T) {
	for name, want := range map[string]string{
		"index.html":           "text/html; charset=utf-8",
		"INDEX.HTM":            "text/html; charset=utf-8",
		"app.js":               "text/javascript; charset=utf-8",
		"app.js.map":           "application/json",
		"site.webmanifest":     "application/manifest+json",
		"photo.avif":           "image/avif",
		"font.woff2":           "font/woff2",
		"module.wasm":          "application/wasm",
		"LICENSE":              "application/octet-stream",
		"data.no-such-ext-xyz": "application/octet-stream",
	} {
		assert.Equal(t, want, ContentType(name), name)
	}
}

func TestCollectAssets(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.css", "a/index.html", ".well-known/security.txt"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
	}
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "empty"), 0o755))
	// A symbolic link is skipped rather than followed out of the directory.
	_ = os.Symlink(filepath.Join(dir, "b.css"), filepath.Join(dir, "link.css"))

	assets, err := CollectAssets(dir)
	require.NoError(t, err)
	var keys []string
	for _, a := range assets {
		keys = append(keys, a.Key)
		assert.Equal(t, filepath.Join(dir, filepath.FromSlash(a.Key)), a.Path)
	}
	assert.Equal(t, []string{".well-known/security.txt", "a/index.html", "b.css"}, keys)
	assert.Equal(t, "text/html; charset=utf-8", assets[1].ContentType)

	_, err = CollectAssets(filepath.Join(dir, "missing"))
	assert.Error(t, err)
}
