package waf

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/alarms"
	"github.com/tenkstack/tenk/components/internal/inherit"
	"github.com/tenkstack/tenk/components/internal/outputs"
)

// Token is WebAcl's type token.
const Token = "tenk:waf:WebAcl"

// WebAcl is a CLOUDFRONT-scoped AWS WAF web ACL in us-east-1 with its blocked-requests alarm.
type WebAcl struct {
	pulumi.ResourceState

	// Arn is what StaticAssetsCdnArgs.WebACLArn takes
	// ("arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>").
	Arn pulumi.StringOutput
	// Name is the web ACL's name, also the WebACL dimension of its CloudWatch metrics.
	Name string
	// WebAcl is the underlying web ACL.
	WebAcl *wafv2.WebAcl
	// AlarmArns is the blocked-requests alarm's ARN (in us-east-1), for a dashboard's alarm widget.
	AlarmArns pulumi.StringArrayOutput
}

// NewWebAcl validates args and creates the web ACL (default action allow; the rules block) and
// its alarm, both with UsEast1Provider when given.
func NewWebAcl(ctx *pulumi.Context, name string, args *WebAclArgs, opts ...pulumi.ResourceOption) (*WebAcl, error) {
	if args == nil {
		args = &WebAclArgs{}
	}
	if err := args.Validate(name); err != nil {
		return nil, fmt.Errorf("web ACL %q: %w", name, err)
	}
	a := args.withDefaults(name)
	w := &WebAcl{Name: a.Name}
	if err := ctx.RegisterComponentResource(Token, name, w, inherit.Options(opts)...); err != nil {
		return nil, err
	}
	child := []pulumi.ResourceOption{pulumi.Parent(w)}
	if a.UsEast1Provider != nil {
		child = append(child, pulumi.Provider(a.UsEast1Provider))
	}
	tags := pulumi.ToStringMap(a.Tags)
	acl, err := wafv2.NewWebAcl(ctx, name+"-acl", &wafv2.WebAclArgs{
		Name:        pulumi.String(a.Name),
		Description: pulumi.String("tenk: AWS managed rule groups and a per-IP rate limit in front of CloudFront"),
		// AWS WAF Developer Guide: a web ACL for CloudFront has scope CLOUDFRONT and is created in
		// us-east-1.
		Scope:         pulumi.String("CLOUDFRONT"),
		DefaultAction: &wafv2.WebAclDefaultActionArgs{Allow: &wafv2.WebAclDefaultActionAllowArgs{}},
		Rules:         rules(a),
		VisibilityConfig: &wafv2.WebAclVisibilityConfigArgs{
			CloudwatchMetricsEnabled: pulumi.Bool(true),
			MetricName:               pulumi.String(a.Name),
			SampledRequestsEnabled:   pulumi.Bool(true),
		},
		Tags: tags,
	}, child...)
	if err != nil {
		return nil, err
	}
	var list []alarms.Alarm
	if alarms.On(a.Alarms) {
		list = []alarms.Alarm{blockedRequestsAlarm(a.Name, *a.AlarmThresholds.BlockedRequests)}
	}
	created, err := alarms.Create(ctx, name, list, a.AlarmTopicArn, tags, child...)
	if err != nil {
		return nil, err
	}
	w.Arn, w.WebAcl, w.AlarmArns = acl.Arn, acl, alarms.ARNs(created)
	if err := outputs.Register(ctx, w); err != nil {
		return nil, err
	}
	return w, nil
}
