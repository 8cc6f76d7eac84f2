// Package scripts_test runs the stack scripts against a fake `pulumi` (and `go`) on PATH: a bash
// script that records its arguments and plays a backend holding the stacks listed in a file.
package scripts_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fakePulumi = `#!/usr/bin/env bash
echo "pulumi $*" >>"$FAKE_LOG"
case "$1 ${2:-}" in
  "login "*) exit 0 ;;
  "stack select")
    if grep -qx "$3" "$FAKE_STACKS" 2>/dev/null; then exit 0; fi
    echo "error: no stack named '$3' found" >&2; exit 255 ;;
  "stack init")
    echo "$3" >>"$FAKE_STACKS"
    if [ "${4:-}" = --secrets-provider ]; then printf 'secretsprovider: %s\nencryptedkey: ZmFrZQ==\n' "$5" >>"Pulumi.$3.yaml"; fi
    exit 0 ;;
  "stack change-secrets-provider")
    printf 'secretsprovider: %s\nencryptedkey: ZmFrZQ==\n' "$5" >>"Pulumi.$4.yaml"; exit 0 ;;
  "stack export") echo '{"version":3,"deployment":{}}' >"$5"; exit 0 ;;
  "destroy "*)
    n=$(cat "$FAKE_DESTROYS" 2>/dev/null || echo 0); echo $((n + 1)) >"$FAKE_DESTROYS"
    if [ "$n" -lt "${FAKE_DESTROY_FAILURES:-0}" ]; then
      echo "error: deleting EC2 Subnet (subnet-0a1): DependencyViolation: The subnet has dependencies" >&2; exit 255
    fi
    exit 0 ;;
esac
exit 0
`

const fakeGo = `#!/usr/bin/env bash
echo "go $*" >>"$FAKE_LOG"
`

const withProvider = "secretsprovider: awskms://alias/tenk-pulumi-secrets?region=eu-west-1\nencryptedkey: ZmFrZQ==\nconfig:\n  aws:region: eu-west-1\n"
const withoutProvider = "config:\n  aws:region: eu-west-1\n"

// sandbox is a copy of the project's scripts next to stack files, with the fakes on PATH.
type sandbox struct {
	dir, log, stacks string
	env              []string
}

func newSandbox(t *testing.T, stackFiles map[string]string, existing ...string) *sandbox {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "scripts"), 0o755))
	scripts, err := filepath.Glob("*.sh")
	require.NoError(t, err)
	for _, s := range scripts {
		data, err := os.ReadFile(s)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "scripts", s), data, 0o755))
	}
	for name, body := range stackFiles {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi."+name+".yaml"), []byte(body), 0o644))
	}
	bin := filepath.Join(dir, "bin")
	require.NoError(t, os.MkdirAll(bin, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(bin, "pulumi"), []byte(fakePulumi), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(bin, "go"), []byte(fakeGo), 0o755))
	s := &sandbox{dir: dir, log: filepath.Join(dir, "calls.log"), stacks: filepath.Join(dir, "stacks.txt")}
	require.NoError(t, os.WriteFile(s.stacks, []byte(strings.Join(existing, "\n")+"\n"), 0o644))
	s.env = []string{
		"PATH=" + bin + ":/usr/bin:/bin",
		"HOME=" + dir,
		"FAKE_LOG=" + s.log,
		"FAKE_STACKS=" + s.stacks,
		"FAKE_DESTROYS=" + filepath.Join(dir, "destroys"),
		"GITHUB_OUTPUT=" + filepath.Join(dir, "github_output"),
		"GITHUB_STEP_SUMMARY=" + filepath.Join(dir, "summary.md"),
	}
	return s
}

// run runs scripts/<script> with args and extra environment; it returns stdout+stderr and
// whether the script succeeded.
func (s *sandbox) run(t *testing.T, extra []string, script string, args ...string) (string, bool) {
	t.Helper()
	cmd := exec.Command("bash", append([]string{filepath.Join(s.dir, "scripts", script)}, args...)...)
	cmd.Env = append(append([]string{}, s.env...), extra...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err == nil
}

func (s *sandbox) calls(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(s.log)
	if os.IsNotExist(err) {
		return ""
	}
	require.NoError(t, err)
	return string(data)
}

func (s *sandbox) file(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(s.dir, name))
	require.NoError(t, err)
	return string(data)
}

var ci = []string{"CI=true", "PULUMI_BACKEND_URL=s3://tenk-state-x?region=eu-west-1&awssdk=v2"}

// CI fails early, with the fix, on a stack file without its secrets provider: the second prod
// deploy used to fail on "passphrase must be set" after the first had created prod on the runner.
func TestUpInCIRefusesAStackFileWithoutItsSecretsProvider(t *testing.T) {
	s := newSandbox(t, map[string]string{"prod": withoutProvider}, "prod")
	out, ok := s.run(t, ci, "up.sh", "prod", "--yes", "--non-interactive")
	assert.False(t, ok)
	assert.Contains(t, out, "Pulumi.prod.yaml has no secretsprovider: and encryptedkey: lines")
	assert.Contains(t, out, `make stacks STACKS="prod"`)
	assert.NotContains(t, s.calls(t), "pulumi up", "nothing is deployed")
	assert.NotContains(t, s.calls(t), "pulumi login", "it fails before touching the backend")
}

// CI never creates a stack: the lines it would write live only on the runner.
func TestUpInCINeverCreatesAStack(t *testing.T) {
	s := newSandbox(t, map[string]string{"prod": withProvider})
	out, ok := s.run(t, ci, "up.sh", "prod", "--yes")
	assert.False(t, ok)
	assert.Contains(t, out, "CI never creates a stack")
	assert.Contains(t, out, "make stacks STACKS=prod")
	calls := s.calls(t)
	assert.NotContains(t, calls, "--create")
	assert.NotContains(t, calls, "stack init")
	assert.NotContains(t, calls, "pulumi up")
}

func TestUpInCIDeploysAReadyStack(t *testing.T) {
	s := newSandbox(t, map[string]string{"prod": withProvider}, "prod")
	_, ok := s.run(t, ci, "up.sh", "prod", "--yes", "--non-interactive")
	assert.True(t, ok)
	assert.Contains(t, s.calls(t), "pulumi up --stack prod --yes --non-interactive")
}

// Without PULUMI_BACKEND_URL the quickstart's local backend and passphrase provider are used.
func TestUpUsesTheLocalBackendByDefault(t *testing.T) {
	s := newSandbox(t, map[string]string{"dev": withoutProvider})
	out, ok := s.run(t, nil, "up.sh", "dev")
	require.True(t, ok, out)
	assert.Equal(t, []string{"pulumi login --local", "pulumi stack select dev", "pulumi stack init dev", "pulumi up --stack dev"},
		strings.Split(strings.TrimSpace(s.calls(t)), "\n"))

	s = newSandbox(t, map[string]string{"dev": withoutProvider}, "dev")
	out, ok = s.run(t, nil, "up.sh", "dev", "--yes")
	require.True(t, ok, out)
	assert.Equal(t, []string{"pulumi login --local", "pulumi stack select dev", "pulumi up --stack dev --yes"},
		strings.Split(strings.TrimSpace(s.calls(t)), "\n"))
}

// On a developer's machine a missing stack is created with the team's provider, and the file
// then carries the lines to commit.
func TestUpOnALaptopCreatesTheStackWithTheTeamsKey(t *testing.T) {
	s := newSandbox(t, map[string]string{"dev": withoutProvider})
	out, ok := s.run(t, []string{"PULUMI_BACKEND_URL=s3://b?region=eu-west-1&awssdk=v2", "PULUMI_SECRETS_PROVIDER=awskms://alias/tenk-pulumi-secrets?region=eu-west-1"}, "up.sh", "dev")
	require.True(t, ok, out)
	assert.Contains(t, s.calls(t), "pulumi stack init dev --secrets-provider awskms://alias/tenk-pulumi-secrets?region=eu-west-1")
	assert.Contains(t, out, "commit the secretsprovider/encryptedkey lines of Pulumi.dev.yaml")
	assert.Contains(t, s.calls(t), "pulumi up --stack dev")
}

func TestStackReadyReportsAMissingStackWithoutFailing(t *testing.T) {
	s := newSandbox(t, map[string]string{"dev": withProvider, "prod": withProvider}, "dev")
	_, ok := s.run(t, ci, "stack-ready.sh", "prod")
	assert.True(t, ok, "a stack not created yet is no failure of the pull request")
	assert.Contains(t, s.file(t, "github_output"), "exists=false")
	assert.Contains(t, s.file(t, "summary.md"), "prod: not created yet")

	_, ok = s.run(t, ci, "stack-ready.sh", "dev")
	assert.True(t, ok)
	assert.Contains(t, s.file(t, "github_output"), "exists=true")
}

func TestStackReadyFailsOnAStackFileWithoutItsSecretsProvider(t *testing.T) {
	s := newSandbox(t, map[string]string{"prod": withoutProvider}, "prod")
	out, ok := s.run(t, ci, "stack-ready.sh", "prod")
	assert.False(t, ok)
	assert.Contains(t, out, "Pulumi.prod.yaml has no secretsprovider")
}

// `make stacks` creates every stack with the provider, and repairs a file that lost its lines.
func TestInitStacksCreatesEveryStackWithTheKMSProvider(t *testing.T) {
	s := newSandbox(t, map[string]string{"dev": withoutProvider, "prod": withoutProvider}, "dev")
	env := []string{"PULUMI_BACKEND_URL=s3://b?region=eu-west-1&awssdk=v2", "PULUMI_SECRETS_PROVIDER=awskms://alias/tenk-pulumi-secrets?region=eu-west-1"}
	out, ok := s.run(t, env, "init-stacks.sh")
	require.True(t, ok, out)
	calls := s.calls(t)
	assert.Contains(t, calls, "pulumi stack change-secrets-provider --stack dev awskms://alias/tenk-pulumi-secrets?region=eu-west-1")
	assert.Contains(t, calls, "pulumi stack init prod --secrets-provider awskms://alias/tenk-pulumi-secrets?region=eu-west-1")
	for _, stack := range []string{"dev", "prod"} {
		assert.Contains(t, s.file(t, "Pulumi."+stack+".yaml"), "secretsprovider: awskms://")
	}
	assert.Contains(t, out, "git add Pulumi.dev.yaml Pulumi.prod.yaml")

	out, ok = s.run(t, nil, "init-stacks.sh")
	assert.False(t, ok)
	assert.Contains(t, out, "PULUMI_SECRETS_PROVIDER")
}

// A destroy that fails (a VPC origin's interfaces still hold the subnets) waits for AWS and
// tries again, bounded.
func TestDestroyWaitsForTheVPCOriginsLeftoversAndRetries(t *testing.T) {
	s := newSandbox(t, map[string]string{"dev": withProvider}, "dev")
	out, ok := s.run(t, []string{"FAKE_DESTROY_FAILURES=1"}, "destroy.sh", "dev", "--yes")
	require.True(t, ok, out)
	calls := strings.Split(strings.TrimSpace(s.calls(t)), "\n")
	var ops []string
	for _, c := range calls {
		switch {
		case strings.HasPrefix(c, "pulumi destroy"), strings.HasPrefix(c, "go run"), strings.HasPrefix(c, "pulumi stack export"):
			ops = append(ops, strings.Fields(c)[0]+" "+strings.Fields(c)[1])
		}
	}
	assert.Equal(t, []string{"pulumi stack", "pulumi destroy", "go run", "pulumi destroy"}, ops)
	assert.Contains(t, s.calls(t), "go run ./scripts/vpc-origin-wait --state ")
	assert.Contains(t, s.calls(t), "--timeout 20m")

	s = newSandbox(t, map[string]string{"dev": withProvider}, "dev")
	out, ok = s.run(t, []string{"FAKE_DESTROY_FAILURES=5", "TENK_DESTROY_WAIT=1m"}, "destroy.sh", "dev", "--yes")
	assert.False(t, ok)
	assert.Contains(t, out, "still holds resources after 2 attempts")
	assert.Equal(t, 2, strings.Count(s.calls(t), "pulumi destroy"), "bounded")
}

// fakeRoot is a bin directory holding only fakes of id, sudo and apt-get (and the commands in
// present), so ci-packages.sh sees a machine without the packages and its calls are logged.
func fakeRoot(t *testing.T, uid string, present ...string) (env []string, log string) {
	t.Helper()
	dir := t.TempDir()
	log = filepath.Join(dir, "calls.log")
	fakes := map[string]string{
		"id":      "#!/bin/bash\n[ \"$1\" = -u ] && echo " + uid + "\n",
		"sudo":    "#!/bin/bash\necho \"sudo $*\" >>\"$FAKE_LOG\"\n",
		"apt-get": "#!/bin/bash\necho \"apt-get $*\" >>\"$FAKE_LOG\"\n",
	}
	for _, p := range present {
		fakes[p] = "#!/bin/bash\n"
	}
	for name, body := range fakes {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o755))
	}
	return []string{"PATH=" + dir, "FAKE_LOG=" + log}, log
}

func runPackages(t *testing.T, env []string) string {
	t.Helper()
	cmd := exec.Command("bash", "ci-packages.sh")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	return string(out)
}

// .ci/run (root, in a container) and the workflows (the runner user, with passwordless sudo)
// install the same Debian packages with one script: app/'s servers, shellcheck and python3.
func TestCIPackagesInstallsWhatIsMissingAsRoot(t *testing.T) {
	for _, c := range []struct{ uid, prefix string }{{"0", ""}, {"1001", "sudo DEBIAN_FRONTEND=noninteractive "}} {
		env, log := fakeRoot(t, c.uid)
		runPackages(t, env)
		data, err := os.ReadFile(log)
		require.NoError(t, err)
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		require.Len(t, lines, 2, "uid %s: %s", c.uid, data)
		assert.Equal(t, c.prefix+"apt-get update -qq", lines[0], "uid %s", c.uid)
		assert.True(t, strings.HasPrefix(lines[1], c.prefix+"apt-get install -y -qq --no-install-recommends "), "uid %s: %s", c.uid, lines[1])
		for _, p := range []string{"redis-server", "memcached", "shellcheck", "python3"} {
			assert.Contains(t, strings.Fields(lines[1]), p, "uid %s", c.uid)
		}
	}

	// Everything there (valkey-server stands in for redis-server, as app/'s tests accept): no
	// apt-get at all, so .ci/run works offline on a prepared machine.
	env, log := fakeRoot(t, "1001", "valkey-server", "memcached", "initdb", "shellcheck", "python3")
	out := runPackages(t, env)
	_, err := os.Stat(log)
	assert.True(t, os.IsNotExist(err), "nothing installed: %s", out)
}

// With the shared backend but no PULUMI_SECRETS_PROVIDER, `make up` used to create the stack in
// the team's bucket with an empty passphrase: nobody else could decrypt it, and CI refuses its
// file. It stops before touching the backend, naming the variable and the fix.
func TestUpRefusesToCreateAPassphraseStackInTheSharedBackend(t *testing.T) {
	s := newSandbox(t, map[string]string{"dev": withoutProvider})
	out, ok := s.run(t, []string{"PULUMI_BACKEND_URL=s3://b?region=eu-west-1&awssdk=v2"}, "up.sh", "dev")
	assert.False(t, ok)
	assert.Contains(t, out, "PULUMI_SECRETS_PROVIDER")
	assert.Contains(t, out, "secretsProvider")
	assert.Contains(t, out, "make stacks STACKS=dev")
	assert.NotContains(t, s.calls(t), "stack init")
	assert.NotContains(t, s.calls(t), "pulumi up")

	// An existing stack whose file names its provider deploys without the variable.
	s = newSandbox(t, map[string]string{"dev": withProvider}, "dev")
	out, ok = s.run(t, []string{"PULUMI_BACKEND_URL=s3://b?region=eu-west-1&awssdk=v2"}, "up.sh", "dev")
	require.True(t, ok, out)
	assert.Contains(t, s.calls(t), "pulumi up --stack dev")
}
