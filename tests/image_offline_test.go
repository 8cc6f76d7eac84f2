package tests_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/offline/monitor"
	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/stacks"
)

// appModule is the reference application's module, which the root module never imports: its
// image is built by running its command in a subprocess.
const appModule = "../app"

// TestReferenceImageRunsByItsDigest is issue 20's offline image test: the reference application's
// image is built without Docker and without pulling a base image (app/cmd/imagebuild: a static
// binary on an empty base), pushed to a registry on localhost that the test starts (the command's
// --local-registry, serving while the test holds its stdin), its tag resolved to a digest the way
// the stack resolves an ECR tag (the registry's manifest digest, what ecr.getImage reports), and
// deployed through the dev stack under mocks: the launch template's user data runs exactly that
// digest. Outside CI it skips only when Go cannot build the application; under CI=true it never
// skips.
func TestReferenceImageRunsByItsDigest(t *testing.T) {
	img := buildReferenceImage(t)
	registry, repo, _ := strings.Cut(img.repository, "/")

	digest, err := manifestDigest(registry, repo, "v1")
	require.NoError(t, err)
	require.Equal(t, img.digest, digest, "the tag resolves to the digest the build pushed")

	t.Run("an ECR tag, resolved at deploy", func(t *testing.T) {
		ecrRepo := "123456789012.dkr.ecr.us-east-1.amazonaws.com/" + repo
		// ecr.getImage answers from the registry on localhost, as ECR's DescribeImages would for
		// the same repository and tag.
		lookup := monitor.Stub{Token: "aws:ecr/getImage:getImage", Invoke: func(_ *monitor.Mocks, args resource.PropertyMap) (resource.PropertyMap, error) {
			d, err := manifestDigest(registry, args["repositoryName"].StringValue(), args["imageTag"].StringValue())
			if err != nil {
				return nil, err
			}
			return resource.NewPropertyMapFromMap(map[string]any{"id": d, "imageDigest": d,
				"repositoryName": args["repositoryName"].StringValue(), "imageTag": args["imageTag"].StringValue()}), nil
		}}
		m := runImage(t, ecrRepo+":v1", testkit.NewMocks(lookup))
		assertRunsExactly(t, appScript(t, m), ecrRepo+"@"+img.digest)
	})
	t.Run("the digest reference", func(t *testing.T) {
		pinned := img.repository + "@" + img.digest
		m := runImage(t, pinned, nil)
		assertRunsExactly(t, appScript(t, m), pinned)
		for _, inv := range m.Invokes() {
			assert.NotEqual(t, "aws:ecr/getImage:getImage", inv.Token, "a digest needs no lookup")
		}
	})
}

// runImage runs the dev stack with tenk:app.image set to image.
func runImage(t *testing.T, image string, mocks *testkit.Mocks) *testkit.Mocks {
	t.Helper()
	cfg := stackConfig(t, "dev", map[string]string{"tenk:app": fmt.Sprintf(`{"image": %q}`, image)})
	return testkit.MustRun(t, stacks.Run, testkit.RunOptions{Stack: "dev", Config: cfg, Mocks: mocks})
}

// assertRunsExactly checks that the boot script pulls and runs ref and no other image.
func assertRunsExactly(t *testing.T, script, ref string) {
	t.Helper()
	assert.Contains(t, script, "ExecStartPre=/opt/tenk/tenk-pull.sh "+ref+"\n")
	assert.Contains(t, script, " "+ref+"\n", "docker run runs the digest")
	// The pull script's own pattern (*@sha256:*) is no digest: count the digests written out.
	digests := regexp.MustCompile(`@sha256:[0-9a-f]{64}`).FindAllString(script, -1)
	assert.Equal(t, []string{ref[strings.Index(ref, "@"):], ref[strings.Index(ref, "@"):], ref[strings.Index(ref, "@"):]}, digests,
		"the digest appears in the unit's description, its pull and its run, and no other digest anywhere")
	assert.NotContains(t, script, ":v1", "no tag reaches the instances")
}

// referenceImage is the image pushed to the registry the command serves.
type referenceImage struct {
	// repository is "127.0.0.1:PORT/tenk/app"; digest is "sha256:…", the index's.
	repository, digest string
}

// buildReferenceImage runs `go run ./cmd/imagebuild --local-registry` in app/ for the dev
// stack's platform (linux/arm64), reads the digest reference it prints, and keeps its registry
// serving until the test ends.
func buildReferenceImage(t *testing.T) referenceImage {
	t.Helper()
	goBuildable(t)
	ca := filepath.Join(t.TempDir(), "rds-ca.pem")
	require.NoError(t, os.WriteFile(ca, selfSignedPEM(t), 0o644))

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	cmd := exec.CommandContext(ctx, "go", "run", "./cmd/imagebuild", "--local-registry", "--push", "tenk/app:v1",
		"--rds-ca", ca, "--platforms", "linux/arm64")
	cmd.Dir = appModule
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = stdin.Close() // the command stops serving and exits
		if err := cmd.Wait(); err != nil && ctx.Err() == nil {
			t.Errorf("imagebuild: %v\n%s", err, stderr.String())
		}
		cancel()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err, "imagebuild printed no reference:\n%s", stderr.String())
	repository, digest, ok := strings.Cut(strings.TrimSpace(line), "@")
	require.True(t, ok && strings.HasPrefix(repository, "127.0.0.1:") && strings.HasPrefix(digest, "sha256:"),
		"imagebuild printed %q, not 127.0.0.1:PORT/<repository>@sha256:…", line)
	return referenceImage{repository: repository, digest: digest}
}

// goBuildable skips the test, outside CI, when Go cannot build the image builder or the
// application for linux/arm64 here (no module cache and no proxy, say); under CI=true it fails.
// The builds use imagebuild's flags, so they warm the cache the command then uses.
func goBuildable(t *testing.T) {
	t.Helper()
	for _, b := range []struct {
		pkg string
		env []string
	}{
		{"./cmd/imagebuild", nil},
		{"./cmd/tenk-app", []string{"CGO_ENABLED=0", "GOOS=linux", "GOARCH=arm64"}},
	} {
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -buildid=", "-o", os.DevNull, b.pkg)
		cmd.Dir, cmd.Env = appModule, append(os.Environ(), b.env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			msg := fmt.Sprintf("Go cannot build %s in app/ here (%v): %s", b.pkg, err, strings.TrimSpace(string(out)))
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s; CI never skips this test", msg)
			}
			t.Skip(msg)
		}
	}
}

// manifestDigest resolves repository:tag on a registry to its manifest digest with the
// distribution API's HEAD (OCI distribution spec, "Checking if content exists in the registry"):
// the Docker-Content-Digest header, what ECR's DescribeImages reports as imageDigest.
func manifestDigest(registry, repository, tag string) (string, error) {
	req, err := http.NewRequest(http.MethodHead, "http://"+registry+"/v2/"+repository+"/manifests/"+tag, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Accept", strings.Join([]string{"application/vnd.oci.image.index.v1+json",
		"application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
		"application/vnd.docker.distribution.manifest.v2+json"}, ", "))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	digest := resp.Header.Get("Docker-Content-Digest")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(digest, "sha256:") {
		return "", fmt.Errorf("HEAD %s: %s, digest %q", req.URL, resp.Status, digest)
	}
	return digest, nil
}

// selfSignedPEM is a CA certificate standing in for the RDS bundle the image carries.
func selfSignedPEM(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "tenk test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}
