package waf_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const (
	awsSDK = "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/"
	wafv2  = awsSDK + "wafv2"
)

// deps lists the packages a package compiles.
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
	require.NoError(t, err, string(out))
	return strings.Fields(string(out))
}

// TestWafImportsOnlyWhatItNeeds keeps components/waf to wafv2 and CloudWatch (its alarm).
func TestWafImportsOnlyWhatItNeeds(t *testing.T) {
	allowed := map[string]bool{"wafv2": true, "cloudwatch": true, "internal": true}
	var imported []string
	for _, d := range deps(t, "github.com/tenkstack/tenk/components/waf") {
		if rest, ok := strings.CutPrefix(d, awsSDK); ok {
			imported = append(imported, rest)
			require.True(t, allowed[strings.SplitN(rest, "/", 2)[0]], "components/waf imports %s%s", awsSDK, rest)
		}
		if d != "github.com/tenkstack/tenk/components/waf" && !strings.HasPrefix(d, "github.com/tenkstack/tenk/components/internal/") {
			require.NotContains(t, d, "github.com/tenkstack/tenk/components/", "waf must not import another component")
		}
	}
	require.Contains(t, imported, "wafv2")
}

// TestOtherComponentsDoNotCompileWafv2: wafv2 is one of the largest pulumi-aws packages (see
// README "WAF"); only components/waf and the stacks that use it may pull it in.
func TestOtherComponentsDoNotCompileWafv2(t *testing.T) {
	for _, c := range []string{"cdn", "webtier", "network", "database", "cache", "sessions", "alerts", "appconfig"} {
		pkg := "github.com/tenkstack/tenk/components/" + c
		require.NotContains(t, deps(t, pkg), wafv2, "%s compiles wafv2", pkg)
	}
}
