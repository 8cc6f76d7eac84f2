package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/app/internal/imagebuild"
	"github.com/tenkstack/tenk/app/internal/testservers"
)

// --local-registry: the command pushes to a registry of its own on loopback, prints the digest
// reference there, keeps serving it (the tag resolves to that digest, the index pulls) while
// stdin is open, and returns once stdin closes.
func TestLocalRegistryServesUntilStdinCloses(t *testing.T) {
	ca := filepath.Join(t.TempDir(), "bundle.pem")
	require.NoError(t, os.WriteFile(ca, testservers.NewCA(t).PEM, 0o644))
	stdinR, stdinW := io.Pipe()
	stdoutR, stdoutW := io.Pipe()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		var stderr strings.Builder
		err := run(ctx, []string{"--local-registry", "--push", "tenk/app:v1", "--rds-ca", ca, "--package", "./testdata/hello",
			"--platforms", "linux/arm64"}, stdinR, stdoutW, &stderr)
		_ = stdoutW.CloseWithError(io.EOF)
		done <- err
	}()
	line, err := bufio.NewReader(stdoutR).ReadString('\n')
	require.NoError(t, err, "the command printed no reference")
	digest, err := name.NewDigest(strings.TrimSpace(line))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(digest.String(), "127.0.0.1:"), digest.String())
	assert.Equal(t, "tenk/app", digest.RepositoryStr())

	tag := digest.Context().Tag("v1").String()
	resolved, err := imagebuild.Resolve(ctx, tag)
	require.NoError(t, err, "the registry is still serving")
	assert.Equal(t, digest, resolved)
	_, err = remote.Index(digest)
	require.NoError(t, err)

	select {
	case err := <-done:
		t.Fatalf("returned before stdin closed: %v", err)
	default:
	}
	require.NoError(t, stdinW.Close())
	require.NoError(t, <-done)
	_, err = imagebuild.Resolve(ctx, tag)
	assert.Error(t, err, "the registry stops with the command")
}

func TestLocalRegistryWantsNoHost(t *testing.T) {
	_, err := startRegistry("registry.example.com/tenk/app:v1")
	assert.ErrorContains(t, err, "without a registry host")
	_, err = startRegistry("tenk/app")
	assert.ErrorContains(t, err, "without a registry host")
}
