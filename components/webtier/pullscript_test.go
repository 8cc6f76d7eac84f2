package webtier

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeDocker logs its arguments; `docker image inspect` finds the image when $FAKE_DIR/present
// exists.
const fakeDocker = `#!/bin/sh
echo "$*" >> "$FAKE_DIR/docker.log"
if [ "$1 $2" = "image inspect" ]; then
  [ -e "$FAKE_DIR/present" ]
  exit $?
fi
cat > /dev/null
`

const fakePullAWS = `#!/bin/sh
echo "$*" >> "$FAKE_DIR/aws.log"
echo token
`

// TestPullScriptSkipsTheRegistryForAnImageAlreadyHere runs tenk-pull.sh, as the boot script
// installs it, against a fake docker and aws: a restart of an image pinned by digest that Docker
// holds needs no registry; anything else logs in to ECR and pulls.
func TestPullScriptSkipsTheRegistryForAnImageAlreadyHere(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed: the pull script cannot run here")
	}
	boot := container{image: "x"}.script()
	const start, end = "cat > /opt/tenk/tenk-pull.sh <<'SH'\n", "\nSH\n"
	i := strings.Index(boot, start)
	require.GreaterOrEqual(t, i, 0, "the boot script installs tenk-pull.sh")
	script, _, ok := strings.Cut(boot[i+len(start):], end)
	require.True(t, ok)

	const ecr = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop"
	digest := "@sha256:" + strings.Repeat("ab", 32)
	for name, tc := range map[string]struct {
		image   string
		present bool
		want    []string
		aws     bool
	}{
		"digest here": {ecr + digest, true, []string{"image inspect " + ecr + digest}, false},
		"digest missing": {ecr + digest, false, []string{"image inspect " + ecr + digest,
			"login --username AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com", "pull --quiet " + ecr + digest}, true},
		"a tag may have moved": {ecr + ":v1", true, []string{
			"login --username AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com", "pull --quiet " + ecr + ":v1"}, true},
		"public digest missing": {"public.ecr.aws/nginx/nginx" + digest, false, []string{
			"image inspect public.ecr.aws/nginx/nginx" + digest, "pull --quiet public.ecr.aws/nginx/nginx" + digest}, false},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "tenk-pull.sh"), []byte(script+"\n"), 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "docker"), []byte(fakeDocker), 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "aws"), []byte(fakePullAWS), 0o755))
			if tc.present {
				require.NoError(t, os.WriteFile(filepath.Join(dir, "present"), nil, 0o644))
			}
			cmd := exec.Command("bash", filepath.Join(dir, "tenk-pull.sh"), tc.image)
			cmd.Env = append(os.Environ(), "PATH="+dir+":"+os.Getenv("PATH"), "FAKE_DIR="+dir)
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)

			calls, _ := os.ReadFile(filepath.Join(dir, "docker.log"))
			assert.Equal(t, tc.want, strings.Split(strings.TrimSuffix(string(calls), "\n"), "\n"), "docker calls")
			_, err = os.Stat(filepath.Join(dir, "aws.log"))
			assert.Equal(t, tc.aws, err == nil, "aws ecr get-login-password called")
		})
	}
}
