package sdkcheck

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGoSDKBuilds compiles the generated Go SDK. It builds against the root module's
// requirements (its go.mod and go.sum, under the SDK's module path), the versions a Go program
// using tenk already has, so nothing is fetched and the build cache is shared.
func TestGoSDKBuilds(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, Generate(schemaPath, "go", dir))
	generated, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	require.NoError(t, err)
	module := regexp.MustCompile(`(?m)^module (\S+)`).FindSubmatch(generated)
	require.NotNil(t, module, "the generated go.mod names its module")

	root, err := os.ReadFile("../../go.mod")
	require.NoError(t, err)
	gomod := regexp.MustCompile(`(?m)^module \S+`).ReplaceAll(root, []byte("module "+string(module[1])))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), gomod, 0o644))
	require.NoError(t, copyFile("../../go.sum", filepath.Join(dir, "go.sum")))

	var log bytes.Buffer
	err = Run(&log, dir, nil, "go", "build", "./...")
	require.NoError(t, err, "the Go SDK generated from provider/schema.json does not compile:\n%s", log.String())
	log.Reset()
	require.NoError(t, Run(&log, dir, nil, "go", "vet", "./..."), "go vet on the generated Go SDK:\n%s", log.String())
}
