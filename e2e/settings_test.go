package e2e_test

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

func env(m map[string]string) e2e.Getenv { return func(k string) string { return m[k] } }

func seeded() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }

func TestLoadSettingsDefaults(t *testing.T) {
	s, err := e2e.LoadSettings(env(nil), seeded())
	require.NoError(t, err)
	assert.Equal(t, e2e.VariantDev, s.Variant)
	assert.Equal(t, "us-east-1", s.Region)
	assert.False(t, s.Keep)
	assert.Equal(t, "results", s.ResultsDir)
	assert.Regexp(t, regexp.MustCompile(`^e2e-[a-z0-9]{6}$`), s.Stack)
}

func TestLoadSettingsRegionPrecedence(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"AWS_DEFAULT_REGION": "eu-west-1"}, "eu-west-1"},
		{map[string]string{"AWS_DEFAULT_REGION": "eu-west-1", "AWS_REGION": "eu-central-1"}, "eu-central-1"},
		{map[string]string{"AWS_REGION": "eu-central-1", "TENK_E2E_REGION": "ap-southeast-2"}, "ap-southeast-2"},
	} {
		s, err := e2e.LoadSettings(env(tc.env), seeded())
		require.NoError(t, err)
		assert.Equal(t, tc.want, s.Region, "%v", tc.env)
	}
}

func TestLoadSettingsReadsVariantKeepAndDomain(t *testing.T) {
	s, err := e2e.LoadSettings(env(map[string]string{
		"TENK_E2E_VARIANT": "domain", "TENK_E2E_KEEP": "1", "TENK_E2E_DOMAIN": "www.example.com", "TENK_E2E_ZONE_ID": "Z123",
	}), seeded())
	require.NoError(t, err)
	assert.Equal(t, e2e.VariantDomain, s.Variant)
	assert.True(t, s.Keep)
	assert.Equal(t, "www.example.com", s.Domain)
	assert.Equal(t, "Z123", s.HostedZoneID)
}

func TestLoadSettingsRejectsAnUnknownVariant(t *testing.T) {
	_, err := e2e.LoadSettings(env(map[string]string{"TENK_E2E_VARIANT": "mysql"}), seeded())
	require.Error(t, err)
	assert.Contains(t, err.Error(), `TENK_E2E_VARIANT (make e2e VARIANT=…) is "mysql": use one of `+strings.Join(e2e.VariantNames(), ", "))
	assert.Subset(t, e2e.VariantNames(), []string{"aurora", "dev", "domain", "memcached"})
}

// The application variants load like the others and are listed.
func TestLoadSettingsAppVariants(t *testing.T) {
	for _, v := range []string{"app", "rollout"} {
		s, err := e2e.LoadSettings(env(map[string]string{"TENK_E2E_VARIANT": v}), seeded())
		require.NoError(t, err)
		assert.Equal(t, e2e.Variant(v), s.Variant)
		assert.Contains(t, e2e.VariantNames(), v)
	}
}

func TestStackNamesDiffer(t *testing.T) {
	r := seeded()
	seen := map[string]bool{}
	for range 100 {
		seen[e2e.NewStackName(r)] = true
	}
	assert.Len(t, seen, 100)
}

func TestSkipReason(t *testing.T) {
	all := func(string) bool { return true }
	creds := func() (string, error) { return "arn:aws:iam::123456789012:user/ci", nil }
	noCreds := func() (string, error) {
		return "", errors.New("Unable to locate credentials. You can configure credentials by running \"aws configure\".\nmore")
	}
	dev := e2e.Settings{Variant: e2e.VariantDev}
	for _, tc := range []struct {
		name     string
		settings e2e.Settings
		has      e2e.Tool
		identity func() (string, error)
		want     string
	}{
		{"ready", dev, all, creds, ""},
		{"no pulumi", dev, func(n string) bool { return n != "pulumi" }, creds, "no `pulumi` CLI on PATH"},
		{"no aws", dev, func(n string) bool { return n != "aws" }, creds, "no `aws` CLI on PATH"},
		{"no credentials", dev, all, noCreds, "no usable AWS credentials (aws sts get-caller-identity: Unable to locate credentials."},
		{"domain without zone", e2e.Settings{Variant: e2e.VariantDomain, Domain: "www.example.com"}, all, creds, "TENK_E2E_ZONE_ID"},
		{"domain", e2e.Settings{Variant: e2e.VariantDomain, Domain: "www.example.com", HostedZoneID: "Z1"}, all, creds, ""},
		{"app without docker", e2e.Settings{Variant: e2e.VariantApp}, func(n string) bool { return n != "docker" }, creds, "VARIANT=app builds the reference application's image during `pulumi up` (tenk:app.build): it needs Docker"},
		{"rollout without docker", e2e.Settings{Variant: e2e.VariantRollout}, func(n string) bool { return n != "docker" }, creds, "VARIANT=rollout builds"},
		{"app", e2e.Settings{Variant: e2e.VariantApp}, all, creds, ""},
		{"dev needs no docker", dev, func(n string) bool { return n != "docker" }, creds, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := e2e.SkipReason(tc.settings, tc.has, tc.identity)
			if tc.want == "" {
				assert.Empty(t, got)
				return
			}
			assert.Contains(t, got, tc.want)
			assert.NotContains(t, got, "more", "only the first line of the CLI's error")
		})
	}
}

func TestSkipReasonDoesNotCallAWSWithoutTheTools(t *testing.T) {
	called := false
	e2e.SkipReason(e2e.Settings{Variant: e2e.VariantDev}, func(string) bool { return false }, func() (string, error) {
		called = true
		return "", nil
	})
	assert.False(t, called)
}

// Under CI=true a run that cannot happen fails: a green skipped job proves nothing.
func TestUnrunnableFailsInCI(t *testing.T) {
	all := func(string) bool { return true }
	creds := func() (string, error) { return "arn:aws:sts::123456789012:assumed-role/tenk-e2e/gh", nil }
	shared := "s3://tenk-state-x/e2e?region=eu-west-1&awssdk=v2"
	for _, tc := range []struct {
		name     string
		settings e2e.Settings
		has      e2e.Tool
		want     string
		fail     bool
	}{
		{"laptop, no pulumi: skip", e2e.Settings{Variant: e2e.VariantDev}, func(n string) bool { return n != "pulumi" }, "no `pulumi` CLI", false},
		{"CI, no pulumi: fail", e2e.Settings{Variant: e2e.VariantDev, CI: true, BackendURL: shared}, func(n string) bool { return n != "pulumi" }, "no `pulumi` CLI", true},
		{"CI, no domain: fail", e2e.Settings{Variant: e2e.VariantDomain, CI: true, BackendURL: shared}, all, "TENK_E2E_DOMAIN", true},
		{"CI, state on the runner: fail", e2e.Settings{Variant: e2e.VariantDev, CI: true}, all, "TENK_E2E_BACKEND_URL", true},
		{"CI, ready", e2e.Settings{Variant: e2e.VariantDev, CI: true, BackendURL: shared}, all, "", false},
		{"laptop, local state", e2e.Settings{Variant: e2e.VariantDev}, all, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reason, fail := e2e.Unrunnable(tc.settings, tc.has, creds)
			assert.Equal(t, tc.fail, fail)
			if tc.want == "" {
				assert.Empty(t, reason)
				return
			}
			assert.Contains(t, reason, tc.want)
			if tc.fail {
				assert.Contains(t, reason, "CI=true")
			}
		})
	}
}

func TestLoadSettingsReadsTheBackendAndCI(t *testing.T) {
	s, err := e2e.LoadSettings(env(map[string]string{
		"CI": "true", "TENK_E2E_BACKEND_URL": " s3://b/e2e?region=eu-west-1 ", "TENK_E2E_SECRETS_PROVIDER": "awskms://alias/tenk-pulumi-secrets?region=eu-west-1",
	}), seeded())
	require.NoError(t, err)
	assert.True(t, s.CI)
	assert.Equal(t, "s3://b/e2e?region=eu-west-1", s.BackendURL)
	assert.Equal(t, "awskms://alias/tenk-pulumi-secrets?region=eu-west-1", s.SecretsProvider)
}
