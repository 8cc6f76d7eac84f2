package tests_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/stacks"
)

const (
	tWebACL       = "aws:wafv2/webAcl:WebAcl"
	tDistribution = "aws:cloudfront/distribution:Distribution"
	tMetricAlarm  = "aws:cloudwatch/metricAlarm:MetricAlarm"
	tSNSTopic     = "aws:sns/topic:Topic"
	tKMSKey       = "aws:kms/key:Key"
	tAWSProvider  = "pulumi:providers:aws"
)

// TestProdPutsTheWAFInFrontOfCloudFront: the prod stack file gives the distribution tenk's own
// CLOUDFRONT-scoped web ACL, named after the stack, with its alarm on the stack's topic; dev has
// none.
func TestProdPutsTheWAFInFrontOfCloudFront(t *testing.T) {
	m := runStack(t, "prod", nil)
	acl := m.One(t, tWebACL)
	assert.Equal(t, "CLOUDFRONT", acl.String("scope"))
	assert.Equal(t, "tenk-prod", acl.String("name"))
	assert.Equal(t, "tenk:waf:WebAcl", acl.ParentType())
	rules, _ := acl.Get("rules")
	assert.Len(t, rules, 4, "three managed rule groups and the rate limit")
	assert.Equal(t, float64(2000), acl.Number("rules.1.statement.rateBasedStatement.limit"))

	dist := m.One(t, tDistribution)
	webACLID := dist.String("webAclId")
	assert.True(t, strings.HasPrefix(webACLID, "arn:aws:wafv2:us-east-1:"), "webAclId %q", webACLID)
	assert.Contains(t, webACLID, ":global/webacl/tenk-prod/")
	assert.Contains(t, dist.Dependencies, acl.URN, "the distribution is created with the web ACL")

	alarm, ok := m.Named(tMetricAlarm, "tenk-waf-alarm-blocked-requests")
	require.True(t, ok)
	topic, ok := m.Named(tSNSTopic, "tenk-alarms-topic")
	require.True(t, ok)
	assert.Equal(t, []string{"arn:aws:sns:us-east-1:123456789012:tenk-alarms-topic"}, alarm.Strings("alarmActions"))
	assert.Contains(t, alarm.Dependencies, topic.URN)
	assert.Equal(t, map[string]any{"WebACL": "tenk-prod", "Rule": "ALL"}, alarm.Inputs["dimensions"])
	// The stack runs in us-east-1: the default provider serves, no second alarm topic or provider
	// (the other topic is the cache's event topic, events_test.go).
	var topics []string
	for _, tp := range m.ByType(tSNSTopic) {
		topics = append(topics, tp.Name)
	}
	assert.ElementsMatch(t, []string{"tenk-alarms-topic", "tenk-alarms-events"}, topics)
	_, extra := m.Named(tAWSProvider, "tenk-us-east-1")
	assert.False(t, extra)
	assert.Empty(t, acl.Provider, "the web ACL uses the stack's default provider")

	dev := runStack(t, "dev", nil)
	assert.Empty(t, dev.ByType(tWebACL), "dev has no WAF by default")
	assert.Empty(t, dev.One(t, tDistribution).String("webAclId"))
}

// TestOwnWebACLReplacesTenks: with waf off and webAclArn set, the distribution takes the given
// ACL and tenk creates none; waf can also be switched on in dev.
func TestOwnWebACLReplacesTenks(t *testing.T) {
	own := "arn:aws:wafv2:us-east-1:123456789012:global/webacl/mine/abc"
	m := runStack(t, "prod", map[string]string{"tenk:cdn": `{"waf": false, "webAclArn": "` + own + `"}`})
	assert.Empty(t, m.ByType(tWebACL))
	assert.Equal(t, own, m.One(t, tDistribution).String("webAclId"))

	dev := runStack(t, "dev", map[string]string{"tenk:cdn": `{"waf": true, "wafRateLimit": 500}`})
	acl := dev.One(t, tWebACL)
	assert.Equal(t, "tenk-dev", acl.String("name"))
	assert.Equal(t, float64(500), acl.Number("rules.1.statement.rateBasedStatement.limit"))
	assert.Contains(t, dev.One(t, tDistribution).String("webAclId"), ":global/webacl/tenk-dev/")
}

// TestWAFConfigErrors: the two keys are exclusive, the rate limit is checked against AWS's range
// under its config key, and needs the WAF on; all before anything is registered.
func TestWAFConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stack string
		cdn   string
		want  string
	}{
		{"both keys", "prod", `{"webAclArn": "arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/y"}`, "tenk:cdn.waf is true and tenk:cdn.webAclArn is set"},
		{"rate limit too low", "prod", `{"wafRateLimit": 5}`, "tenk:cdn.wafRateLimit is 5: AWS WAF rate-based rules accept 10–2000000000"},
		{"rate limit too high", "dev", `{"waf": true, "wafRateLimit": 3000000000}`, "tenk:cdn.wafRateLimit is 3000000000"},
		{"waf not a bool", "dev", `{"waf": "yes"}`, `tenk:cdn.waf is "yes": it must be true or false`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := testkit.Run(stacks.Run, testkit.RunOptions{Stack: tc.stack, Config: stackConfig(t, tc.stack, map[string]string{"tenk:cdn": tc.cdn})})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Empty(t, m.Resources(), "a bad config registers nothing")
		})
	}
	// A rate limit written while the WAF is off would configure nothing: it is reported, naming
	// the setting it needs, rather than accepted and ignored.
	_, err := testkit.Run(stacks.Run, testkit.RunOptions{Stack: "dev", Config: stackConfig(t, "dev", map[string]string{"tenk:cdn": `{"wafRateLimit": 5}`})})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "tenk:cdn.wafRateLimit is set but does nothing without tenk:cdn.waf: true")
}

// TestWAFOutsideUsEast1: a stack in another Region creates the web ACL, its alarm and the alarm's
// own encrypted topic with a us-east-1 provider, which the distribution uses too.
func TestWAFOutsideUsEast1(t *testing.T) {
	mocks := testkit.NewMocks(providers.Region("eu-west-1"))
	cfg := stackConfig(t, "prod", map[string]string{"aws:region": "eu-west-1"})
	m, err := testkit.Run(stacks.Run, testkit.RunOptions{Stack: "prod", Config: cfg, Mocks: mocks})
	require.NoError(t, err)

	provider, ok := m.Named(tAWSProvider, "tenk-us-east-1")
	require.True(t, ok, "a us-east-1 provider")
	assert.Equal(t, "us-east-1", provider.String("region"))
	uses := func(r testkit.Resource) bool { return strings.HasPrefix(r.Provider, provider.URN+"::") }

	assert.True(t, uses(m.One(t, tWebACL)), "web ACL")
	alarm, ok := m.Named(tMetricAlarm, "tenk-waf-alarm-blocked-requests")
	require.True(t, ok)
	assert.True(t, uses(alarm), "alarm")
	topic, ok := m.Named(tSNSTopic, "tenk-alarms-us-east-1-topic")
	require.True(t, ok)
	assert.True(t, uses(topic), "the WAF alarm's topic")
	key, ok := m.Named(tKMSKey, "tenk-alarms-us-east-1-key")
	require.True(t, ok)
	assert.True(t, uses(key), "its key")
	assert.Contains(t, alarm.Dependencies, topic.URN)
	subs := m.ByType("aws:sns/topicSubscription:TopicSubscription")
	var east []string
	for _, s := range subs {
		if uses(s) {
			east = append(east, s.String("endpoint"))
		}
	}
	assert.Equal(t, []string{"ops@example.com"}, east, "the same people get the WAF alarm")
	// The distribution's us-east-1 children (log delivery) use the same provider: the CDN
	// creates none of its own.
	assert.Len(t, m.ByType(tAWSProvider), 1)
	// The stack's own topic stays in the stack's Region.
	main, ok := m.Named(tSNSTopic, "tenk-alarms-topic")
	require.True(t, ok)
	assert.False(t, uses(main))
}

// TestAlarmTopicsAreEncrypted: in both stacks every SNS topic but ElastiCache's event topic is
// encrypted with a rotated customer-managed key of the stack whose policy admits CloudWatch, and
// every alarm notifies an encrypted topic.
func TestAlarmTopicsAreEncrypted(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			m := runStack(t, stack, nil)
			keys := map[string]testkit.Resource{}
			for _, k := range m.ByType(tKMSKey) {
				keys["arn:aws:kms:us-east-1:123456789012:key/"+k.Name+"-id"] = k
			}
			topics := map[string]bool{}
			for _, topic := range m.ByType(tSNSTopic) {
				if topic.Name == "tenk-alarms-events" {
					// ElastiCache's event topic cannot be encrypted (events_test.go); no alarm may
					// notify it, which the loop over alarms below checks.
					assert.False(t, topic.Has("kmsMasterKeyId"))
					continue
				}
				key, ok := keys[topic.String("kmsMasterKeyId")]
				require.True(t, ok, "topic %s is not encrypted with a key of the stack (%q)", topic.Name, topic.String("kmsMasterKeyId"))
				assert.True(t, key.Bool("enableKeyRotation"), key.Name)
				var doc struct{ Statement []struct{ Principal any } }
				require.NoError(t, json.Unmarshal([]byte(key.String("policy")), &doc))
				admitsCloudWatch := false
				for _, s := range doc.Statement {
					b, _ := json.Marshal(s.Principal)
					if strings.Contains(string(b), "cloudwatch.amazonaws.com") {
						admitsCloudWatch = true
					}
				}
				assert.True(t, admitsCloudWatch, "%s's key policy must admit CloudWatch", key.Name)
				topics["arn:aws:sns:us-east-1:123456789012:"+topic.Name] = true
			}
			alarms := m.ByType(tMetricAlarm)
			require.NotEmpty(t, alarms)
			for _, a := range alarms {
				for _, action := range a.Strings("alarmActions") {
					assert.True(t, topics[action], "alarm %s notifies %s, not an encrypted topic of the stack", a.Name, action)
				}
			}
		})
	}
}
