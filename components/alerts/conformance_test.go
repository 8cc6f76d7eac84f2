package alerts_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/alerts"
	"github.com/tenkstack/tenk/components/internal/conformance"
)

// TestConformance: the component rules of package conformance, with alerts's import budget.
func TestConformance(t *testing.T) {
	conformance.Check(t, conformance.Component{
		Token: alerts.Token,
		New: func(ctx *pulumi.Context, name string, count int, opts ...pulumi.ResourceOption) error {
			emails := []string{"a@example.com", "b@example.com", "c@example.com"}[:count]
			_, err := alerts.NewAlarmTopic(ctx, name, &alerts.AlarmTopicArgs{Emails: emails}, opts...)
			return err
		},
		Counts:  [2]int{1, 2},
		Budget:  conformance.Budget{AWS: []string{"kms", "sns"}},
		Outputs: &alerts.AlarmTopic{},
	})
}
