package alerts_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/alerts"
	"github.com/tenkstack/tenk/internal/fielderr"
	"github.com/tenkstack/tenk/internal/testkit"
)

func TestTopicWithSubscriptions(t *testing.T) {
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		_, err := alerts.NewAlarmTopic(ctx, "ops", &alerts.AlarmTopicArgs{Emails: []string{"a@example.com", "b@example.com"}})
		return err
	}, testkit.RunOptions{})
	topics := m.ByType("aws:sns/topic:Topic")
	require.Len(t, topics, 1)
	subs := m.ByType("aws:sns/topicSubscription:TopicSubscription")
	require.Len(t, subs, 2)
	assert.Equal(t, "ops-email-a@example.com", subs[0].Name)
	for _, s := range subs {
		assert.Equal(t, "email", s.String("protocol"))
		assert.Equal(t, "arn:aws:sns:us-east-1:123456789012:ops-topic", s.String("topic"))
	}
	// The topic, its key and one subscription per address.
	assert.Len(t, m.Children(t, alerts.Token), 4)
}

func TestBadAddressesRegisterNothing(t *testing.T) {
	m, err := testkit.Run(func(ctx *pulumi.Context) error {
		_, err := alerts.NewAlarmTopic(ctx, "ops", &alerts.AlarmTopicArgs{Emails: []string{"ops", "x@example.com", "x@example.com"}})
		return err
	}, testkit.RunOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `Emails[0] is "ops"`)
	assert.Contains(t, err.Error(), `Emails[2] repeats "x@example.com"`)
	assert.Equal(t, []string{"Emails[0]", "Emails[2]"}, fielderr.Paths(err))
	assert.Empty(t, m.Resources())
}
