package waf

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// RateLimitRuleName names the per-IP rate-based rule and its CloudWatch metric.
const RateLimitRuleName = "RateLimitPerIP"

// rules are the web ACL's rules in evaluation order: the first managed group (IP reputation by
// default), the per-IP rate limit, then the remaining managed groups. Blocking known-bad
// addresses and floods first spares the costlier inspections. Every rule sends CloudWatch
// metrics and sampled requests under its own name.
func rules(a WebAclArgs) wafv2.WebAclRuleArray {
	var out wafv2.WebAclRuleArray
	add := func(r *wafv2.WebAclRuleArgs) {
		r.Priority = pulumi.Int(len(out))
		out = append(out, r)
	}
	for i, group := range a.ManagedRuleGroups {
		if i == 1 {
			add(rateLimitRule(a))
		}
		add(&wafv2.WebAclRuleArgs{
			Name: pulumi.String(group),
			// "none" keeps the actions the rule group's vendor set (block); "count" would only
			// observe.
			OverrideAction: &wafv2.WebAclRuleOverrideActionArgs{None: &wafv2.WebAclRuleOverrideActionNoneArgs{}},
			Statement: &wafv2.WebAclRuleStatementArgs{
				ManagedRuleGroupStatement: &wafv2.WebAclRuleStatementManagedRuleGroupStatementArgs{
					VendorName: pulumi.String("AWS"),
					Name:       pulumi.String(group),
				},
			},
			VisibilityConfig: ruleVisibility(group),
		})
	}
	if len(a.ManagedRuleGroups) < 2 {
		add(rateLimitRule(a))
	}
	return out
}

// rateLimitRule blocks an IP address once it sent more than RateLimit requests within the
// window. For a CLOUDFRONT web ACL the IP is the viewer's own address, not a proxy's.
func rateLimitRule(a WebAclArgs) *wafv2.WebAclRuleArgs {
	return &wafv2.WebAclRuleArgs{
		Name:   pulumi.String(RateLimitRuleName),
		Action: &wafv2.WebAclRuleActionArgs{Block: &wafv2.WebAclRuleActionBlockArgs{}},
		Statement: &wafv2.WebAclRuleStatementArgs{
			RateBasedStatement: &wafv2.WebAclRuleStatementRateBasedStatementArgs{
				Limit:               pulumi.Int(a.RateLimit),
				AggregateKeyType:    pulumi.String("IP"),
				EvaluationWindowSec: pulumi.Int(a.RateLimitWindowSeconds),
			},
		},
		VisibilityConfig: ruleVisibility(RateLimitRuleName),
	}
}

func ruleVisibility(metric string) *wafv2.WebAclRuleVisibilityConfigArgs {
	return &wafv2.WebAclRuleVisibilityConfigArgs{
		CloudwatchMetricsEnabled: pulumi.Bool(true),
		MetricName:               pulumi.String(metric),
		SampledRequestsEnabled:   pulumi.Bool(true),
	}
}
