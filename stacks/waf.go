package stacks

import (
	"regexp"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/alerts"
	"github.com/tenkstack/tenk/components/waf"
)

// webACLComponent is the WAF component's logical name.
const webACLComponent = "tenk-waf"

// usEast1Region is where CloudFront's web ACLs, their metrics and so their alarms live.
const usEast1Region = "us-east-1"

// wafArgs maps tenk:cdn.waf* onto the WAF component. The web ACL is named after the stack, so a
// dev and a prod stack in one account do not collide (names are unique per account and scope).
func wafArgs(cfg Config, w wiring, stack string) *waf.WebAclArgs {
	return &waf.WebAclArgs{
		Name:          webACLName(stack),
		RateLimit:     cfg.Cdn.WafRateLimit,
		AlarmTopicArn: w.wafAlarmTopicArn,
		Tags:          w.tags,
	}
}

// webACLName is "tenk-<stack>" with every character AWS WAF does not accept in names replaced.
func webACLName(stack string) string {
	return "tenk-" + regexp.MustCompile(`[^A-Za-z0-9_-]`).ReplaceAllString(stack, "-")
}

// addWebACL creates tenk's web ACL in us-east-1 when tenk:cdn.waf is on, and sets w.webACLArn
// for the distribution. Its alarm must notify a topic in us-east-1: the stack's own topic when
// the stack runs there, else a second AlarmTopic created there. Outside us-east-1 the provider it
// creates is also the distribution's UsEast1Provider.
func addWebACL(ctx *pulumi.Context, cfg Config, w *wiring) error {
	if !cfg.Cdn.Waf {
		return nil
	}
	var opts []pulumi.ResourceOption
	w.wafAlarmTopicArn = w.alarmTopicArn
	if region, _ := ctx.GetConfig("aws:region"); region != usEast1Region {
		// An explicit provider takes only what it is given, not the stack's other aws: settings
		// (see README "AWS rules encoded").
		usEast1, err := aws.NewProvider(ctx, "tenk-us-east-1", &aws.ProviderArgs{Region: pulumi.String(usEast1Region)})
		if err != nil {
			return err
		}
		w.usEast1Provider = usEast1
		opts = append(opts, pulumi.Provider(usEast1))
		topic, err := alerts.NewAlarmTopic(ctx, "tenk-alarms-us-east-1", &alerts.AlarmTopicArgs{Emails: cfg.AlarmEmails, Tags: w.tags}, opts...)
		if err != nil {
			return err
		}
		w.wafAlarmTopicArn = topic.TopicArn
	}
	acl, err := waf.NewWebAcl(ctx, webACLComponent, wafArgs(cfg, *w, ctx.Stack()), opts...)
	if err != nil {
		return err
	}
	w.webACLArn = acl.Arn
	return nil
}
