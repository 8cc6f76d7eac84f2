package tests_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/offline/providers"
)

// TestCacheEventsGoToATopicElastiCacheCanPublishTo: in every stack and with either cache
// engine, ElastiCache events go to a topic that is not KMS-encrypted and whose policy lets
// ElastiCache publish under aws:SourceOwner (ElastiCache user guide, "Event Notifications and
// Amazon SNS"): sent to the encrypted alarm topic they were never delivered.
func TestCacheEventsGoToATopicElastiCacheCanPublishTo(t *testing.T) {
	for name, tc := range map[string]struct {
		stack     string
		overrides map[string]string
		typ       string
	}{
		"dev":            {"dev", nil, replicationGrp},
		"prod":           {"prod", nil, replicationGrp},
		"prod memcached": {"prod", map[string]string{"tenk:cache": `{"engine":"memcached","multiAz":false,"snapshotRetentionDays":0}`}, memcachedCl},
	} {
		t.Run(name, func(t *testing.T) {
			m := runStack(t, tc.stack, tc.overrides)
			target := m.One(t, tc.typ).String("notificationTopicArn")
			require.NotEmpty(t, target, "the cache sends its events somewhere")

			topics := map[string]bool{} // ARN → encrypted
			for _, topic := range m.ByType("aws:sns/topic:Topic") {
				topics["arn:aws:sns:us-east-1:"+providers.MockAccountID+":"+topic.Name] = topic.Has("kmsMasterKeyId")
			}
			encrypted, ok := topics[target]
			require.True(t, ok, "the event topic %s is one of the stack's topics", target)
			assert.False(t, encrypted, "ElastiCache cannot publish to a KMS-encrypted topic")

			var admitted bool
			for _, p := range m.ByType("aws:sns/topicPolicy:TopicPolicy") {
				if p.String("arn") != target {
					continue
				}
				for _, s := range statements(t, p.String("policy")) {
					if s.Effect == "Allow" && containsAction(s.Action, "SNS:Publish") &&
						s.Condition["StringEquals"]["AWS:SourceOwner"] == providers.MockAccountID {
						admitted = true
					}
				}
			}
			assert.True(t, admitted, "the event topic's policy must allow SNS:Publish under AWS:SourceOwner")
		})
	}
}

func containsAction(v any, action string) bool {
	for _, a := range stringsOf(v) {
		if a == action {
			return true
		}
	}
	return false
}
