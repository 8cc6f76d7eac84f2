package alerts

import (
	"errors"
	"fmt"
	"net/mail"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Token is AlarmTopic's type token.
const Token = "tenk:alerts:AlarmTopic"

// AlarmTopicArgs configures an AlarmTopic.
type AlarmTopicArgs struct {
	// Emails are subscribed to the topic; each must confirm by e-mail. Default: none (subscribe
	// a pager or chat integration yourself through TopicArn).
	Emails []string
	// Tags are added to the topic. Default: none.
	Tags map[string]string
}

// Validate rejects addresses SNS would not deliver to.
func (a AlarmTopicArgs) Validate() error {
	var errs []error
	seen := map[string]bool{}
	for _, e := range a.Emails {
		if addr, err := mail.ParseAddress(e); err != nil || addr.Address != e {
			errs = append(errs, fmt.Errorf("AlarmTopicArgs.Emails has %q: give a bare address such as ops@example.com", e))
		}
		if seen[e] {
			errs = append(errs, fmt.Errorf("AlarmTopicArgs.Emails lists %q twice: list each address once", e))
		}
		seen[e] = true
	}
	return errors.Join(errs...)
}

// AlarmTopic is an SNS topic for CloudWatch alarm and OK notifications.
type AlarmTopic struct {
	pulumi.ResourceState

	// TopicArn is what components take as AlarmTopicArn.
	TopicArn pulumi.StringOutput
}

// NewAlarmTopic creates the topic and one e-mail subscription per address. The topic uses SNS's
// default encryption: CloudWatch cannot publish to a topic encrypted with the AWS-managed aws/sns
// key (its key policy does not admit cloudwatch.amazonaws.com).
func NewAlarmTopic(ctx *pulumi.Context, name string, args *AlarmTopicArgs, opts ...pulumi.ResourceOption) (*AlarmTopic, error) {
	if args == nil {
		args = &AlarmTopicArgs{}
	}
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("alarm topic %q: %w", name, err)
	}
	t := &AlarmTopic{}
	if err := ctx.RegisterComponentResource(Token, name, t, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(t)
	topic, err := sns.NewTopic(ctx, name+"-topic", &sns.TopicArgs{Tags: pulumi.ToStringMap(args.Tags)}, parent)
	if err != nil {
		return nil, err
	}
	for _, email := range args.Emails {
		// Named by address, not position, so removing one subscriber keeps the others.
		if _, err := sns.NewTopicSubscription(ctx, name+"-email-"+email, &sns.TopicSubscriptionArgs{
			Topic:    topic.Arn,
			Protocol: pulumi.String("email"),
			Endpoint: pulumi.String(email),
		}, parent); err != nil {
			return nil, err
		}
	}
	t.TopicArn = topic.Arn
	if err := ctx.RegisterResourceOutputs(t, pulumi.Map{"topicArn": topic.Arn}); err != nil {
		return nil, err
	}
	return t, nil
}
