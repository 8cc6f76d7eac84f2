package alerts

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/iampolicy"
)

// EventPublisherSourceOwner is the condition key the event topic's policy admits publishers by.
// ElastiCache publishes with aws:SourceOwner and cannot publish to a topic whose policy uses
// aws:SourceAccount instead, the default of newly created topics (ElastiCache user guide,
// "Managing ElastiCache Amazon SNS notifications", "SNS topic access policy requirement").
const EventPublisherSourceOwner = "AWS:SourceOwner"

// EventTopicPolicy is the access policy of the event topic topicArn in account: the statement the
// ElastiCache user guide requires ("SNS topic access policy requirement"), SNS:Publish for any
// principal acting for a resource this account owns. Only publishing is granted; the account
// manages the topic through IAM, as with any same-account resource.
func EventTopicPolicy(topicArn, account string) iampolicy.Document {
	return iampolicy.New(iampolicy.Statement{
		Sid:       "AllowElastiCachePublish",
		Effect:    "Allow",
		Principal: map[string]string{"AWS": "*"},
		Action:    "SNS:Publish",
		Resource:  topicArn,
		Condition: map[string]map[string]string{"StringEquals": {EventPublisherSourceOwner: account}},
	})
}

// eventTopic creates the unencrypted event topic, its policy and one e-mail subscription per
// address. It cannot share the alarm topic: ElastiCache cannot publish to a KMS-encrypted topic
// (such a topic shows as inactive and is disassociated) and needs a policy with
// aws:SourceOwner (ElastiCache user guide, "Event Notifications and Amazon SNS" and "Managing
// ElastiCache Amazon SNS notifications"). Events name clusters and what happened to them, no data.
func eventTopic(ctx *pulumi.Context, name string, args *AlarmTopicArgs, parent pulumi.ResourceOrInvokeOption) (*sns.Topic, error) {
	topic, err := sns.NewTopic(ctx, name+"-events", &sns.TopicArgs{
		Tags: pulumi.ToStringMap(args.Tags),
	}, parent)
	if err != nil {
		return nil, err
	}
	identity := aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}, parent)
	policy := pulumi.All(topic.Arn, identity.AccountId()).ApplyT(func(v []any) (string, error) {
		return EventTopicPolicy(v[0].(string), v[1].(string)).JSON()
	}).(pulumi.StringOutput)
	if _, err := sns.NewTopicPolicy(ctx, name+"-events-policy", &sns.TopicPolicyArgs{
		Arn:    topic.Arn,
		Policy: policy,
	}, parent); err != nil {
		return nil, err
	}
	if err := subscribe(ctx, name+"-events", topic.Arn, args.Emails, parent); err != nil {
		return nil, err
	}
	return topic, nil
}

// subscribe adds one e-mail subscription per address to topic, each named by its address, not
// its position, so removing one subscriber keeps the others.
func subscribe(ctx *pulumi.Context, prefix string, topic pulumi.StringOutput, emails []string, parent pulumi.ResourceOrInvokeOption) error {
	for _, email := range emails {
		if _, err := sns.NewTopicSubscription(ctx, prefix+"-email-"+email, &sns.TopicSubscriptionArgs{
			Topic:    topic,
			Protocol: pulumi.String("email"),
			Endpoint: pulumi.String(email),
		}, parent); err != nil {
			return err
		}
	}
	return nil
}
