package stacks

import (
	"fmt"
	"regexp"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/alerts"
	"github.com/tenkstack/tenk/components/cdn"
	"github.com/tenkstack/tenk/components/waf"
)

// webACLComponent is the WAF component's logical name.
const webACLComponent = "tenk-waf"

// wafArgs maps tenk:cdn.waf* onto the WAF component. The web ACL is named after the stack, so a
// dev and a prod stack in one account do not collide (names are unique per account and scope).
func wafArgs(cfg Config, w wiring, stack string) *waf.WebAclArgs {
	a := cfg.WAF.WebAclArgs
	a.Name = webACLName(stack)
	a.AlarmTopicArn = w.wafAlarmTopicArn
	a.UsEast1Provider = w.usEast1Provider
	a.Tags = w.tags
	return &a
}

// webACLName is "tenk-<stack>" with every character AWS WAF does not accept in names replaced.
func webACLName(stack string) string {
	return "tenk-" + notInWAFNames.ReplaceAllString(stack, "-")
}

var notInWAFNames = regexp.MustCompile(`[^A-Za-z0-9_-]`)

// usEast1ProviderName is the stack's one us-east-1 provider, shared by the CDN and the WAF.
const usEast1ProviderName = "tenk-us-east-1"

// addUsEast1Provider creates the stack's one us-east-1 provider when the CDN or the WAF needs
// us-east-1 and the stack runs elsewhere (cdn.NewUsEast1Provider: it carries the stack's aws:
// settings; nil, the default provider, in a us-east-1 stack). The CDN and the WAF both use it, so
// switching tenk:cdn.waf never moves the CDN's us-east-1 resources to another provider.
func addUsEast1Provider(ctx *pulumi.Context, cfg Config, w *wiring) error {
	if !cfg.WAF.Enabled && !cdnArgs(cfg, *w).NeedsUsEast1() {
		return nil
	}
	p, err := cdn.NewUsEast1Provider(ctx, usEast1ProviderName)
	if err != nil {
		return fmt.Errorf("us-east-1 provider: %w", err)
	}
	w.usEast1Provider = p
	return nil
}

// addWebACL creates tenk's web ACL in us-east-1 when tenk:cdn.waf is on, and sets w.webACLArn
// for the distribution. Its alarm must notify a topic in us-east-1: the stack's own topic when
// the stack runs there (no us-east-1 provider), else a second AlarmTopic created there. It
// returns nil when the WAF is off.
func addWebACL(ctx *pulumi.Context, cfg Config, w *wiring) (*waf.WebAcl, error) {
	if !cfg.WAF.Enabled {
		return nil, nil
	}
	w.wafAlarmTopicArn = w.alarmTopicArn
	if w.usEast1Provider != nil {
		topic, err := alerts.NewAlarmTopic(ctx, "tenk-alarms-us-east-1", &alerts.AlarmTopicArgs{Emails: cfg.AlarmEmails, Tags: w.tags},
			pulumi.Provider(w.usEast1Provider))
		if err != nil {
			return nil, err
		}
		w.wafAlarmTopicArn = topic.TopicArn
	}
	acl, err := waf.NewWebAcl(ctx, webACLComponent, wafArgs(cfg, *w, ctx.Stack()))
	if err != nil {
		return nil, err
	}
	w.webACLArn = acl.Arn
	return acl, nil
}
