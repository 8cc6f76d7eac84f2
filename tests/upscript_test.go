package tests_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runUp runs scripts/up.sh with a fake pulumi on PATH that records its arguments, one call per
// line, and returns the calls.
func runUp(t *testing.T, env map[string]string, args ...string) []string {
	t.Helper()
	bin := t.TempDir()
	log := filepath.Join(bin, "calls")
	fake := "#!/usr/bin/env bash\necho \"$*\" >> " + log + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(bin, "pulumi"), []byte(fake), 0o755))
	cmd := exec.Command("bash", append([]string{"../scripts/up.sh"}, args...)...)
	cmd.Env = []string{"PATH=" + bin + ":" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	raw, err := os.ReadFile(log)
	require.NoError(t, err)
	return strings.Split(strings.TrimSpace(string(raw)), "\n")
}

func TestUpScriptUsesTheLocalBackendByDefault(t *testing.T) {
	calls := runUp(t, nil, "dev")
	assert.Equal(t, []string{"login --local", "stack select --create dev", "up --stack dev"}, calls)
}

func TestUpScriptHonoursSharedBackendAndSecretsProvider(t *testing.T) {
	calls := runUp(t, map[string]string{
		"PULUMI_BACKEND_URL":      "s3://tenk-state?region=eu-west-1&awssdk=v2",
		"PULUMI_SECRETS_PROVIDER": "awskms://alias/tenk-pulumi-secrets?region=eu-west-1",
	}, "prod", "--yes", "--non-interactive")
	assert.Equal(t, []string{
		"login s3://tenk-state?region=eu-west-1&awssdk=v2",
		"stack select --create --secrets-provider awskms://alias/tenk-pulumi-secrets?region=eu-west-1 prod",
		"up --stack prod --yes --non-interactive",
	}, calls)
}
