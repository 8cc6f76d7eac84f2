package waf_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/waf"
	"github.com/tenkstack/tenk/internal/testkit"
)

const (
	tWebAcl   = "aws:wafv2/webAcl:WebAcl"
	tAlarm    = "aws:cloudwatch/metricAlarm:MetricAlarm"
	tProvider = "pulumi:providers:aws"
)

// TestDefaultWebAcl checks the zero-value web ACL: CLOUDFRONT scope, allow by default, the three
// managed groups and the rate limit in evaluation order, every metric and sample on.
func TestDefaultWebAcl(t *testing.T) {
	m, acl := testkit.Build(t, func(ctx *pulumi.Context) (*waf.WebAcl, error) {
		return waf.NewWebAcl(ctx, "edge", nil)
	})
	r := m.One(t, tWebAcl)
	assert.Equal(t, "edge-acl", r.Name)
	assert.Equal(t, "CLOUDFRONT", r.String("scope"))
	assert.Equal(t, "edge", r.String("name"))
	_, allow := r.Get("defaultAction.allow")
	assert.True(t, allow, "the rules block; everything else is allowed")
	_, block := r.Get("defaultAction.block")
	assert.False(t, block)
	assert.True(t, r.Bool("visibilityConfig.cloudwatchMetricsEnabled"))
	assert.True(t, r.Bool("visibilityConfig.sampledRequestsEnabled"))
	assert.Equal(t, "edge", r.String("visibilityConfig.metricName"), "the WebACL metric dimension is the ACL's name")

	want := []string{
		"AWSManagedRulesAmazonIpReputationList",
		waf.RateLimitRuleName,
		"AWSManagedRulesCommonRuleSet",
		"AWSManagedRulesKnownBadInputsRuleSet",
	}
	rules, _ := r.Get("rules")
	require.Len(t, rules, len(want))
	for i, name := range want {
		p := "rules." + itoa(i) + "."
		assert.Equal(t, name, r.String(p+"name"))
		assert.Equal(t, float64(i), r.Number(p+"priority"), "rule %s", name)
		assert.True(t, r.Bool(p+"visibilityConfig.cloudwatchMetricsEnabled"), name)
		assert.True(t, r.Bool(p+"visibilityConfig.sampledRequestsEnabled"), name)
		assert.Equal(t, name, r.String(p+"visibilityConfig.metricName"))
		if name == waf.RateLimitRuleName {
			assert.Equal(t, float64(2000), r.Number(p+"statement.rateBasedStatement.limit"))
			assert.Equal(t, "IP", r.String(p+"statement.rateBasedStatement.aggregateKeyType"))
			assert.Equal(t, float64(300), r.Number(p+"statement.rateBasedStatement.evaluationWindowSec"))
			_, blocks := r.Get(p + "action.block")
			assert.True(t, blocks, "the rate limit blocks")
			continue
		}
		assert.Equal(t, "AWS", r.String(p+"statement.managedRuleGroupStatement.vendorName"))
		assert.Equal(t, name, r.String(p+"statement.managedRuleGroupStatement.name"))
		_, none := r.Get(p + "overrideAction.none")
		assert.True(t, none, "%s keeps its own block actions", name)
		_, count := r.Get(p + "overrideAction.count")
		assert.False(t, count, "%s must not be count-only", name)
	}

	arn := testkit.Await(t, acl.Arn).(string)
	assert.True(t, strings.HasPrefix(arn, "arn:aws:wafv2:us-east-1:"), arn)
	assert.Contains(t, arn, ":global/webacl/edge/")
	assert.Equal(t, "edge", acl.Name)
	// The web ACL and its alarm, nothing else.
	assert.Len(t, m.Children(t, waf.Token), 2)
}

// TestBlockedRequestsAlarm checks the alarm against AWS WAF's metric dimensions for CloudFront:
// WebACL and Rule, no Region.
func TestBlockedRequestsAlarm(t *testing.T) {
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		_, err := waf.NewWebAcl(ctx, "edge", &waf.WebAclArgs{
			Name:            "shop-prod",
			AlarmThresholds: waf.AlarmThresholds{BlockedRequests: ptr(250)},
			AlarmTopicArn:   pulumi.String("arn:aws:sns:us-east-1:123456789012:ops"),
			Tags:            map[string]string{"team": "web"},
		})
		return err
	}, testkit.RunOptions{})
	a := m.One(t, tAlarm)
	assert.Equal(t, "edge-alarm-blocked-requests", a.Name)
	assert.Equal(t, "AWS/WAFV2", a.String("namespace"))
	assert.Equal(t, "BlockedRequests", a.String("metricName"))
	assert.Equal(t, map[string]any{"WebACL": "shop-prod", "Rule": "ALL"}, a.Inputs["dimensions"])
	assert.Equal(t, "Sum", a.String("statistic"))
	assert.Equal(t, float64(300), a.Number("period"))
	assert.Equal(t, float64(1), a.Number("evaluationPeriods"))
	assert.Equal(t, float64(250), a.Number("threshold"))
	assert.Equal(t, "GreaterThanThreshold", a.String("comparisonOperator"))
	assert.Equal(t, "notBreaching", a.String("treatMissingData"))
	assert.Equal(t, []string{"arn:aws:sns:us-east-1:123456789012:ops"}, a.Strings("alarmActions"))
	assert.Equal(t, []string{"arn:aws:sns:us-east-1:123456789012:ops"}, a.Strings("okActions"))
	assert.Equal(t, "web", a.String("tags.team"))
	assert.Equal(t, "shop-prod", m.One(t, tWebAcl).String("name"))
	assert.Equal(t, "web", m.One(t, tWebAcl).String("tags.team"))
}

// TestUsEast1ProviderReachesEveryChild: the web ACL and the alarm are created with the given
// provider, and the component creates no provider of its own.
func TestUsEast1ProviderReachesEveryChild(t *testing.T) {
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		p, err := aws.NewProvider(ctx, "use1", &aws.ProviderArgs{Region: pulumi.String("us-east-1")})
		if err != nil {
			return err
		}
		_, err = waf.NewWebAcl(ctx, "edge", &waf.WebAclArgs{UsEast1Provider: p})
		return err
	}, testkit.RunOptions{})
	provider := m.One(t, tProvider)
	for _, typ := range []string{tWebAcl, tAlarm} {
		r := m.One(t, typ)
		assert.True(t, strings.HasPrefix(r.Provider, provider.URN+"::"), "%s uses %q", typ, r.Provider)
	}
}

// TestProviderOptionIsInherited: without UsEast1Provider, the children inherit the provider the
// caller gives the component.
func TestProviderOptionIsInherited(t *testing.T) {
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		p, err := aws.NewProvider(ctx, "use1", &aws.ProviderArgs{Region: pulumi.String("us-east-1")})
		if err != nil {
			return err
		}
		_, err = waf.NewWebAcl(ctx, "edge", nil, pulumi.Provider(p))
		return err
	}, testkit.RunOptions{})
	provider := m.One(t, tProvider)
	assert.True(t, strings.HasPrefix(m.One(t, tWebAcl).Provider, provider.URN+"::"))
	assert.True(t, strings.HasPrefix(m.One(t, tAlarm).Provider, provider.URN+"::"))
}

// TestRuleOrderFollowsTheGroups: the rate limit comes after the first group whatever the list,
// and priorities stay unique.
func TestRuleOrderFollowsTheGroups(t *testing.T) {
	for _, tc := range []struct {
		groups []string
		want   []string
	}{
		{[]string{"AWSManagedRulesCommonRuleSet"}, []string{"AWSManagedRulesCommonRuleSet", waf.RateLimitRuleName}},
		{[]string{"AWSManagedRulesSQLiRuleSet", "AWSManagedRulesCommonRuleSet"}, []string{"AWSManagedRulesSQLiRuleSet", waf.RateLimitRuleName, "AWSManagedRulesCommonRuleSet"}},
	} {
		m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
			_, err := waf.NewWebAcl(ctx, "edge", &waf.WebAclArgs{ManagedRuleGroups: tc.groups, RateLimit: 100, RateLimitWindowSeconds: 60})
			return err
		}, testkit.RunOptions{})
		r := m.One(t, tWebAcl)
		var got []string
		for i := range tc.want {
			got = append(got, r.String("rules."+itoa(i)+".name"))
			assert.Equal(t, float64(i), r.Number("rules."+itoa(i)+".priority"))
		}
		assert.Equal(t, tc.want, got)
		for i, name := range tc.want {
			if name == waf.RateLimitRuleName {
				assert.Equal(t, float64(100), r.Number("rules."+itoa(i)+".statement.rateBasedStatement.limit"))
				assert.Equal(t, float64(60), r.Number("rules."+itoa(i)+".statement.rateBasedStatement.evaluationWindowSec"))
			}
		}
	}
}

func itoa(i int) string { return string(rune('0' + i)) }

func ptr[T any](v T) *T { return &v }

func TestAlarmsOff(t *testing.T) {
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		_, err := waf.NewWebAcl(ctx, "edge", &waf.WebAclArgs{Name: "shop-dev", Alarms: pulumi.BoolRef(false)})
		return err
	}, testkit.RunOptions{})
	assert.Empty(t, m.ByType("aws:cloudwatch/metricAlarm:MetricAlarm"))
	assert.Len(t, m.ByType("aws:wafv2/webAcl:WebAcl"), 1)
}
