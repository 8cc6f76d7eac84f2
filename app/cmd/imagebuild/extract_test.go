package main

import (
	"archive/tar"
	"io"
	"testing"

	"github.com/stretchr/testify/require"
)

func extract(t *testing.T, r io.ReadCloser, path string) []byte {
	t.Helper()
	defer r.Close()
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		require.NoError(t, err, "%s not in the layer", path)
		if h.Name == path {
			b, err := io.ReadAll(tr)
			require.NoError(t, err)
			return b
		}
	}
}
