package alerts_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/alerts"
)

// An alarm topic for the on-call address, handed to every component as AlarmTopicArn.
func ExampleNewAlarmTopic() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		topic, err := alerts.NewAlarmTopic(ctx, "shop-alarms", &alerts.AlarmTopicArgs{
			Emails: []string{"oncall@example.com"},
		})
		if err != nil {
			return err
		}
		ctx.Export("alarmTopicArn", topic.TopicArn)
		return nil
	})
}
