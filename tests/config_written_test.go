package tests_test

import (
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/stacks"
)

const shopImage = "ghcr.io/acme/shop@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// runStackErr runs a stack file with overrides and secret keys, returning the program's error;
// a run that fails must have registered nothing.
func runStackErr(t *testing.T, stack string, overrides map[string]string, secret ...string) error {
	t.Helper()
	m, err := testkit.Run(stacks.Run, testkit.RunOptions{Stack: stack, Config: stackConfig(t, stack, overrides), SecretKeys: secret})
	if err != nil {
		assert.Empty(t, m.Resources(), "a bad config registers nothing")
	}
	return err
}

// A tenk key set with --secret would reach resource inputs, SSM and user data in the clear: it is
// refused, naming the key, however valid its value.
func TestSecretTenkKeyIsRefused(t *testing.T) {
	app := `{"image": "` + shopImage + `", "environment": {"API_KEY": "s3cr3t"}}`
	require.NoError(t, runStackErr(t, "dev", map[string]string{"tenk:app": app}), "the same value in plain config deploys")

	err := runStackErr(t, "dev", map[string]string{"tenk:app": app}, "tenk:app")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "tenk:app holds a secret (set with --secret)")
	assert.Contains(t, err.Error(), "AWS Secrets Manager")
	assert.NotContains(t, err.Error(), "s3cr3t", "the error never prints the secret")
}

// Without NAT the instances reach only ECR (through its interface endpoints): an image in any
// other registry could never be pulled, so it is refused; an ECR image is accepted.
func TestImageOutsideECRNeedsNAT(t *testing.T) {
	noNAT := `{"natGateways": "none"}`
	err := runStackErr(t, "dev", map[string]string{"tenk:network": noNAT, "tenk:app": `{"image": "` + shopImage + `"}`})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `tenk:app.image is "`+shopImage+`", outside Amazon ECR, but tenk:network.natGateways is "none"`)

	ecr := "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop@sha256:" + strings.Repeat("a", 64)
	assert.NoError(t, runStackErr(t, "dev", map[string]string{"tenk:network": noNAT, "tenk:app": `{"image": "` + ecr + `"}`}))
	assert.NoError(t, runStackErr(t, "dev", map[string]string{"tenk:app": `{"image": "` + shopImage + `"}`}), "with NAT any registry works")

	// ECR in another Region: the stack's ECR endpoints do not reach it.
	elsewhere := "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop@sha256:" + strings.Repeat("a", 64)
	err = runStackErr(t, "dev", map[string]string{"aws:region": "us-east-1", "tenk:network": noNAT, "tenk:app": `{"image": "` + elsewhere + `"}`})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `tenk:app.image is in Amazon ECR in eu-west-1, but the stack deploys to us-east-1 with tenk:network.natGateways "none"`)
	assert.NoError(t, runStackErr(t, "dev", map[string]string{"aws:region": "us-east-1", "tenk:app": `{"image": "` + elsewhere + `"}`}), "with NAT another Region's ECR works")

	// It is one problem among the others, all reported at once.
	err = runStackErr(t, "dev", map[string]string{"aws:region": "us-east-1", "tenk:network": noNAT, "tenk:app": `{"image": "` + elsewhere + `"}`,
		"tenk:web": `{"appPort": 0}`})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "(2 problems; nothing was deployed)")
	assert.Contains(t, err.Error(), "tenk:app.image is in Amazon ECR in eu-west-1")
	assert.Contains(t, err.Error(), "tenk:web.appPort is 0")
}

// A setting that does nothing without another is refused when written alone, and accepted with it.
func TestDependentSettingsNeedWhatTheyDependOn(t *testing.T) {
	for _, tc := range []struct {
		name, section, alone, with, want string
	}{
		{"rate limit without the WAF", "tenk:cdn", `{"wafRateLimit": 500}`, `{"waf": true, "wafRateLimit": 500}`,
			"tenk:cdn.wafRateLimit is set but does nothing without tenk:cdn.waf: true"},
		{"stickiness without sticky sessions", "tenk:web", `{"stickinessDurationSeconds": 600}`, `{"stickySessions": true, "stickinessDurationSeconds": 600}`,
			"tenk:web.stickinessDurationSeconds is set but does nothing without tenk:web.stickySessions: true"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := runStackErr(t, "dev", map[string]string{tc.section: tc.alone})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NoError(t, runStackErr(t, "dev", map[string]string{tc.section: tc.with}))
		})
	}
}

// An empty command written in the stack file is refused: the image's CMD would run instead.
func TestEmptyCommandIsRefused(t *testing.T) {
	err := runStackErr(t, "dev", map[string]string{"tenk:app": `{"image": "` + shopImage + `", "command": []}`})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "tenk:app.command is empty")

	// Without an image, an empty command configures nothing either.
	err = runStackErr(t, "dev", map[string]string{"tenk:app": `{"command": []}`})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "tenk:app.image is empty while tenk:app.environment or tenk:app.command is set")
}

// PublishedSettings, which an application's environment may not reuse, are exactly the
// parameters the stacks write under their settings path (every optional one included: replicas,
// IAM auth, a Valkey and a Memcached cache), the ready marker aside.
func TestPublishedSettingsAreTheParametersTheStacksWrite(t *testing.T) {
	seen := map[string]bool{}
	for _, run := range []struct {
		stack     string
		overrides map[string]string
	}{
		{"prod", nil},
		{"prod", map[string]string{"tenk:cache": `{"engine": "memcached", "multiAz": false, "snapshotRetentionDays": 0}`}},
	} {
		m := runStack(t, run.stack, run.overrides)
		for _, p := range m.ByType("aws:ssm/parameter:Parameter") {
			name := p.String("name")
			if !strings.HasPrefix(name, stacks.SettingsPrefix(run.stack)) {
				continue
			}
			if key := path.Base(name); key != "SETTINGS_VERSION" {
				seen[key] = true
			}
		}
	}
	var got []string
	for k := range seen {
		got = append(got, k)
	}
	sort.Strings(got)
	assert.Equal(t, stacks.PublishedSettings(), got)
}
