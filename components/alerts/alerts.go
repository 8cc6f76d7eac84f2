package alerts

import (
	"fmt"
	"net/mail"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/inherit"
	"github.com/tenkstack/tenk/components/internal/outputs"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// Token is AlarmTopic's type token.
const Token = "tenk:alerts:AlarmTopic"

// AlarmTopicArgs configures an AlarmTopic.
type AlarmTopicArgs struct {
	// Emails are subscribed to the topic; each must confirm by e-mail. Default: none (subscribe
	// a pager or chat integration yourself through TopicArn).
	Emails []string
	// EventTopic adds a second topic, "<name>-events", for AWS service events that cannot go to
	// a KMS-encrypted topic (ElastiCache event notifications: failover, node replacement): not
	// encrypted, with a policy that lets ElastiCache publish (AWS:SourceOwner = this account) and
	// the same e-mail subscriptions. Hand its EventTopicArn to cache.CacheClusterArgs. Default:
	// false.
	EventTopic bool
	// Tags are added to the topics and the key. Default: none.
	Tags map[string]string
}

// Validate rejects addresses SNS would not deliver to, each at its field path (Emails[i]).
func (a AlarmTopicArgs) Validate() error {
	var l fielderr.List
	seen := map[string]bool{}
	for i, e := range a.Emails {
		path := fmt.Sprintf("Emails[%d]", i)
		if addr, err := mail.ParseAddress(e); err != nil || addr.Address != e {
			l.Addf(path, "is %q: give a bare address such as ops@example.com", e)
		}
		if seen[e] {
			l.Addf(path, "repeats %q: list each address once", e)
		}
		seen[e] = true
	}
	return l.Err()
}

// AlarmTopic is an SNS topic for CloudWatch alarm and OK notifications.
type AlarmTopic struct {
	pulumi.ResourceState

	// TopicArn is what components take as AlarmTopicArn.
	TopicArn pulumi.StringOutput
	// KeyArn is the customer-managed KMS key that encrypts the topic's messages.
	KeyArn pulumi.StringOutput
	// EventTopicArn is the event topic (EventTopic), "" without one.
	EventTopicArn pulumi.StringOutput
}

// NewAlarmTopic creates the topic, encrypted with a customer-managed KMS key of its own, and one
// e-mail subscription per address. Not the AWS-managed aws/sns key: its key policy cannot be
// changed and does not admit cloudwatch.amazonaws.com, so alarms could not publish (SNS Developer
// Guide, "Enable compatibility between event sources from AWS services and encrypted topics").
// The key and topic live in the Region of the component's provider, which must be the alarms'.
func NewAlarmTopic(ctx *pulumi.Context, name string, args *AlarmTopicArgs, opts ...pulumi.ResourceOption) (*AlarmTopic, error) {
	if args == nil {
		args = &AlarmTopicArgs{}
	}
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("alarm topic %q: %w", name, err)
	}
	t := &AlarmTopic{}
	if err := ctx.RegisterComponentResource(Token, name, t, inherit.Options(opts)...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(t)
	key, err := topicKey(ctx, name, args.Tags, parent)
	if err != nil {
		return nil, err
	}
	topic, err := sns.NewTopic(ctx, name+"-topic", &sns.TopicArgs{
		KmsMasterKeyId: key.Arn,
		Tags:           pulumi.ToStringMap(args.Tags),
	}, parent)
	if err != nil {
		return nil, err
	}
	if err := subscribe(ctx, name, topic.Arn, args.Emails, parent); err != nil {
		return nil, err
	}
	t.TopicArn, t.KeyArn = topic.Arn, key.Arn
	t.EventTopicArn = pulumi.String("").ToStringOutput()
	if args.EventTopic {
		events, err := eventTopic(ctx, name, args, parent)
		if err != nil {
			return nil, err
		}
		t.EventTopicArn = events.Arn
	}
	if err := outputs.Register(ctx, t); err != nil {
		return nil, err
	}
	return t, nil
}

// topicKey creates the topic's symmetric key (SNS supports only symmetric encryption keys) with
// yearly automatic rotation and KeyPolicy for the caller's account and partition.
func topicKey(ctx *pulumi.Context, name string, tags map[string]string, parent pulumi.ResourceOrInvokeOption) (*kms.Key, error) {
	// The invoke runs with the component's provider, so it answers for the key's own account.
	identity := aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}, parent)
	policy := pulumi.All(identity.Arn(), identity.AccountId()).ApplyT(func(v []any) (string, error) {
		return KeyPolicy(partitionOf(v[0].(string)), v[1].(string)).JSON()
	}).(pulumi.StringOutput)
	return kms.NewKey(ctx, name+"-key", &kms.KeyArgs{
		Description:           pulumi.Sprintf("Encrypts the %s alarm notification topic", name),
		CustomerMasterKeySpec: pulumi.String("SYMMETRIC_DEFAULT"),
		KeyUsage:              pulumi.String("ENCRYPT_DECRYPT"),
		EnableKeyRotation:     pulumi.Bool(true),
		// KMS's maximum waiting period: a key deleted by mistake can be recovered for 30 days.
		DeletionWindowInDays: pulumi.Int(30),
		Policy:               policy,
		Tags:                 pulumi.ToStringMap(tags),
	}, parent)
}

// partitionOf returns the partition of an ARN ("arn:aws-cn:sts::…" → "aws-cn"), "aws" when it
// cannot tell.
func partitionOf(arn string) string {
	if parts := strings.SplitN(arn, ":", 3); len(parts) == 3 && parts[0] == "arn" && parts[1] != "" {
		return parts[1]
	}
	return "aws"
}
