package sessions_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/conformance"
	"github.com/tenkstack/tenk/components/sessions"
)

// TestConformance: the component rules of package conformance, with sessions's import budget.
func TestConformance(t *testing.T) {
	conformance.Check(t, conformance.Component{
		Token: sessions.Token,
		New: func(ctx *pulumi.Context, name string, _ int, opts ...pulumi.ResourceOption) error {
			_, err := sessions.NewSessionTable(ctx, name, &sessions.SessionTableArgs{Protect: true, AlarmTopicArn: pulumi.String(topicArn)}, opts...)
			return err
		},
		Budget:  conformance.Budget{AWS: []string{"appautoscaling", "cloudwatch", "dynamodb", "iam"}},
		Outputs: &sessions.SessionTable{},
	})
}
