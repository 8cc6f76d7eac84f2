package waf_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/conformance"
	"github.com/tenkstack/tenk/components/waf"
)

// TestConformance: the component rules of package conformance, with waf's import budget.
func TestConformance(t *testing.T) {
	conformance.Check(t, conformance.Component{
		Token: waf.Token,
		New: func(ctx *pulumi.Context, name string, _ int, opts ...pulumi.ResourceOption) error {
			_, err := waf.NewWebAcl(ctx, name, &waf.WebAclArgs{AlarmTopicArn: pulumi.String("arn:aws:sns:us-east-1:123456789012:ops")}, opts...)
			return err
		},
		Budget:  conformance.Budget{AWS: []string{"cloudwatch", "wafv2"}},
		Outputs: &waf.WebAcl{},
	})
}
