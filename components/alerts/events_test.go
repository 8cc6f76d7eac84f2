package alerts_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/alerts"
	"github.com/tenkstack/tenk/components/internal/iampolicy"
	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/testkit"
)

const tTopicPolicy = "aws:sns/topicPolicy:TopicPolicy"

// TestEventTopicIsOneElastiCacheCanPublishTo checks the rule of the ElastiCache user guide
// ("Event Notifications and Amazon SNS"; "SNS topic access policy requirement"): the event topic
// is not KMS-encrypted, its policy allows SNS:Publish on it under aws:SourceOwner (never
// aws:SourceAccount, which ElastiCache does not support) for this account, and the same people
// are subscribed. The alarm topic stays encrypted.
func TestEventTopicIsOneElastiCacheCanPublishTo(t *testing.T) {
	m, topic := testkit.Build(t, func(ctx *pulumi.Context) (*alerts.AlarmTopic, error) {
		return alerts.NewAlarmTopic(ctx, "ops", &alerts.AlarmTopicArgs{
			Emails: []string{"a@example.com", "b@example.com"}, EventTopic: true,
		})
	})
	events, ok := m.Named(tTopic, "ops-events")
	require.True(t, ok)
	assert.False(t, events.Has("kmsMasterKeyId"), "ElastiCache cannot publish to an encrypted topic")
	alarms, ok := m.Named(tTopic, "ops-topic")
	require.True(t, ok)
	assert.NotEmpty(t, alarms.String("kmsMasterKeyId"), "the alarm topic stays encrypted")

	eventsArn, _ := testkit.Await(t, topic.EventTopicArn).(string)
	assert.Equal(t, "arn:aws:sns:us-east-1:123456789012:ops-events", eventsArn)
	policy := m.One(t, tTopicPolicy)
	assert.Equal(t, eventsArn, policy.String("arn"))
	var doc iampolicy.Document
	require.NoError(t, json.Unmarshal([]byte(policy.String("policy")), &doc))
	require.Len(t, doc.Statement, 1)
	s := doc.Statement[0]
	assert.Equal(t, "Allow", s.Effect)
	assert.Equal(t, map[string]any{"AWS": "*"}, principal(t, s.Principal))
	assert.Equal(t, "SNS:Publish", s.Action)
	assert.Equal(t, eventsArn, s.Resource)
	assert.Equal(t, map[string]map[string]string{"StringEquals": {"AWS:SourceOwner": providers.MockAccountID}}, s.Condition)
	assert.NotContains(t, policy.String("policy"), "SourceAccount", "ElastiCache cannot publish under aws:SourceAccount")

	subscribed := map[string][]string{}
	for _, sub := range m.ByType("aws:sns/topicSubscription:TopicSubscription") {
		subscribed[sub.String("topic")] = append(subscribed[sub.String("topic")], sub.String("endpoint"))
	}
	want := []string{"a@example.com", "b@example.com"}
	assert.ElementsMatch(t, want, subscribed[eventsArn], "the same people get the events")
	assert.ElementsMatch(t, want, subscribed["arn:aws:sns:us-east-1:123456789012:ops-topic"])
}

// TestNoEventTopicByDefault: without EventTopic, one encrypted topic and an empty EventTopicArn.
func TestNoEventTopicByDefault(t *testing.T) {
	m, topic := testkit.Build(t, func(ctx *pulumi.Context) (*alerts.AlarmTopic, error) {
		return alerts.NewAlarmTopic(ctx, "ops", nil)
	})
	assert.Len(t, m.ByType(tTopic), 1)
	assert.Empty(t, m.ByType(tTopicPolicy))
	assert.Equal(t, "", testkit.Await(t, topic.EventTopicArn))
}
