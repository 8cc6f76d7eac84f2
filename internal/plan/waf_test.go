package plan_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/plan"
)

// TestWAFAndTopicKeyArePriced runs the real stacks: prod's web ACL costs the web ACL fee plus one
// rule fee per rule (4: three managed groups and the rate limit) and lists its requests as usage;
// the alarm topic's KMS key costs the key fee in both stacks.
func TestWAFAndTopicKeyArePriced(t *testing.T) {
	pr, err := plan.LoadPrices("us-east-1")
	require.NoError(t, err)
	assert.Equal(t, 5.0, pr.WAFWebACLMonth)
	assert.Equal(t, 1.0, pr.WAFRuleMonth)
	assert.Equal(t, 0.6, pr.WAFMillionRequests)

	for stack, wantWAF := range map[string]float64{"dev": 0, "prod": 5 + 4*1} {
		t.Run(stack, func(t *testing.T) {
			p, err := plan.FromStack(plan.Options{Root: "../..", Stack: stack})
			require.NoError(t, err)
			waf, key := 0.0, 0.0
			for _, l := range p.Cost.Lines {
				switch l.Type {
				case "aws:wafv2/webAcl:WebAcl":
					waf += l.Monthly
					assert.Equal(t, plan.PerMonth, l.Unit)
				case "aws:kms/key:Key":
					if l.Resource == "tenk-alarms-key" {
						key += l.Monthly
					}
				}
			}
			assert.InDelta(t, wantWAF, waf, 0.001)
			assert.InDelta(t, pr.KMSKeyMonth, key, 0.001, "the alarm topic's key")

			var usage []string
			for _, u := range p.Cost.UsageBased {
				if u.Type == "aws:wafv2/webAcl:WebAcl" {
					usage = append(usage, u.Resource+": "+u.Reason)
				}
			}
			if wantWAF == 0 {
				assert.Empty(t, usage)
				return
			}
			assert.Equal(t, []string{"tenk-waf-acl: requests inspected: $0.60 per million"}, usage)
		})
	}
}
