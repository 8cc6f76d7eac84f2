package waf_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/waf"
	"github.com/tenkstack/tenk/internal/fielderr"
	"github.com/tenkstack/tenk/internal/testkit"
)

func TestValidate(t *testing.T) {
	tags := map[string]string{}
	for i := 0; i < 51; i++ {
		tags["k"+strings.Repeat("x", i)] = "v"
	}
	for _, tc := range []struct {
		name string
		args waf.WebAclArgs
		path string // the field the problem is reported on; "" means valid
	}{
		{"zero value", waf.WebAclArgs{}, ""},
		{"lowest rate limit", waf.WebAclArgs{RateLimit: 10}, ""},
		{"highest rate limit", waf.WebAclArgs{RateLimit: 2_000_000_000}, ""},
		{"rate limit below AWS minimum", waf.WebAclArgs{RateLimit: 9}, `RateLimit`},
		{"rate limit above AWS maximum", waf.WebAclArgs{RateLimit: 2_000_000_001}, `RateLimit`},
		{"negative rate limit", waf.WebAclArgs{RateLimit: -5}, `RateLimit`},
		{"window", waf.WebAclArgs{RateLimitWindowSeconds: 30}, `RateLimitWindowSeconds`},
		{"every window", waf.WebAclArgs{RateLimitWindowSeconds: 600}, ""},
		{"name with a space", waf.WebAclArgs{Name: "my acl"}, `Name`},
		{"name too long", waf.WebAclArgs{Name: strings.Repeat("a", 129)}, `Name`},
		{"longest name", waf.WebAclArgs{Name: strings.Repeat("a", 128)}, ""},
		{"reserved metric name", waf.WebAclArgs{Name: "All"}, `Name`},
		{"no managed groups", waf.WebAclArgs{ManagedRuleGroups: []string{}}, `ManagedRuleGroups`},
		{"paid group", waf.WebAclArgs{ManagedRuleGroups: []string{"AWSManagedRulesBotControlRuleSet"}}, `ManagedRuleGroups`},
		{"duplicate group", waf.WebAclArgs{ManagedRuleGroups: []string{"AWSManagedRulesCommonRuleSet", "AWSManagedRulesCommonRuleSet"}}, `ManagedRuleGroups`},
		{"negative alarm threshold", waf.WebAclArgs{AlarmThresholds: waf.AlarmThresholds{BlockedRequests: ptr(-1)}}, `AlarmThresholds.BlockedRequests`},
		{"alarm on any block", waf.WebAclArgs{AlarmThresholds: waf.AlarmThresholds{BlockedRequests: ptr(0)}}, ""},
		{"topic in another Region", waf.WebAclArgs{AlarmTopicArn: pulumi.String("arn:aws:sns:eu-west-1:123456789012:ops")}, `AlarmTopicArn`},
		{"not a topic", waf.WebAclArgs{AlarmTopicArn: pulumi.String("ops")}, `AlarmTopicArn`},
		{"topic in us-east-1", waf.WebAclArgs{AlarmTopicArn: pulumi.String("arn:aws:sns:us-east-1:123456789012:ops")}, ""},
		{"too many tags", waf.WebAclArgs{Tags: tags}, `Tags`},
		{"aws: tag", waf.WebAclArgs{Tags: map[string]string{"aws:x": "y"}}, `Tags["aws:x"]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.args.Validate("edge")
			if tc.path == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, fielderr.Paths(err), tc.path, err.Error())
		})
	}
}

// TestDefaultNameIsValidated: the component name becomes the web ACL name, so it is checked too.
func TestDefaultNameIsValidated(t *testing.T) {
	err := waf.WebAclArgs{}.Validate("edge acl")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `Name is "edge acl"`)
}

// TestDefaultGroupsAreKnownAndFit: the default groups are all in the supported list, and with
// the rate rule (2 WCU) they fit the 1,500 WCU the base price covers.
func TestDefaultGroupsAreKnownAndFit(t *testing.T) {
	capacity := map[string]int{}
	for _, g := range waf.ManagedRuleGroups {
		capacity[g.Name] = g.Capacity
	}
	total := 2
	for _, g := range waf.DefaultManagedRuleGroups {
		c, ok := capacity[g]
		require.True(t, ok, g)
		total += c
	}
	assert.Equal(t, 927, total)
	assert.LessOrEqual(t, total, 1500)
}

// TestBadArgsRegisterNothing: every problem is reported at once and no resource exists.
func TestBadArgsRegisterNothing(t *testing.T) {
	m, err := testkit.Run(func(ctx *pulumi.Context) error {
		_, err := waf.NewWebAcl(ctx, "edge", &waf.WebAclArgs{RateLimit: 1, RateLimitWindowSeconds: 7})
		return err
	}, testkit.RunOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `web ACL "edge"`)
	assert.Contains(t, err.Error(), "RateLimit is 1")
	assert.Contains(t, err.Error(), "RateLimitWindowSeconds is 7")
	assert.Empty(t, m.Resources())
}
