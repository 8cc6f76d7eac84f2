package webtier_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/conformance"
	"github.com/tenkstack/tenk/components/webtier"
)

// TestConformance: the component rules of package conformance for an internet-facing tier with a
// created log bucket and for one behind CloudFront, with webtier's import budget.
func TestConformance(t *testing.T) {
	for name, args := range map[string]func() *webtier.MultiAZWebTierArgs{
		"internet":   func() *webtier.MultiAZWebTierArgs { return ownLogBucket(prodArgs()) },
		"cloudfront": func() *webtier.MultiAZWebTierArgs { return cloudFront(prodArgs()) },
	} {
		t.Run(name, func(t *testing.T) {
			conformance.Check(t, conformance.Component{
				Token: webtier.Token,
				New: func(ctx *pulumi.Context, name string, _ int, opts ...pulumi.ResourceOption) error {
					_, err := webtier.NewMultiAZWebTier(ctx, name, args(), opts...)
					return err
				},
				Outputs: &webtier.MultiAZWebTier{},
				// lambda: the function that starts each instance refresh (refresh.go), which the
				// rollback needs; not a package of its own, since every tier has one.
				Budget: conformance.Budget{AWS: []string{"acm", "autoscaling", "cloudwatch", "ec2", "ecr", "iam", "lambda", "lb", "route53", "s3", "ssm", "vpc"}},
				// The rollout invocation: every new release replaces it (refresh.go).
				Unprotected: []string{"aws:lambda/invocation:Invocation"},
			})
		})
	}
}
