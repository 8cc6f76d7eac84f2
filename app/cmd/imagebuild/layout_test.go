package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tenkstack/tenk/app/internal/database"
	"github.com/tenkstack/tenk/app/internal/imagebuild"
)

// No Docker engine runs here, so the Dockerfile cannot be built in tests; this keeps its
// layout and the daemonless build's the same as what the application expects.
func TestDockerfileAndImagebuildAgree(t *testing.T) {
	assert.Equal(t, database.RDSCABundlePath, bundlePath)
	b, err := os.ReadFile("../../Dockerfile")
	require.NoError(t, err)
	df := string(b)
	for _, want := range []string{
		"CGO_ENABLED=0",                  // static
		"FROM --platform=$BUILDPLATFORM", // cross-compiles, no emulation
		"/out/rds-global-bundle.pem " + database.RDSCABundlePath,
		`ENTRYPOINT ["` + imagebuild.EntrypointPath + `"]`,
		"USER " + imagebuild.NonRoot,
		"distroless/static",
	} {
		assert.True(t, strings.Contains(df, want), "Dockerfile lacks %q", want)
	}
}
