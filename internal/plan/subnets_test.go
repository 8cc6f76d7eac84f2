package plan_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/network"
	"github.com/tenkstack/tenk/internal/plan"
)

// `tenkctl plan` lists every subnet of each stack: tier, AZ, CIDR and usable addresses, the layout
// network.SubnetLayout computes for the VPC the stack registered.
func TestPlanListsEverySubnet(t *testing.T) {
	for stack, azCount := range map[string]int{"dev": 2, "prod": 3} {
		t.Run(stack, func(t *testing.T) {
			p, err := plan.FromStack(plan.Options{Root: "../..", Stack: stack})
			require.NoError(t, err)
			require.Len(t, p.Subnets, 3*azCount)
			var azs []string
			for i := 0; i < len(p.Subnets); i += 3 {
				azs = append(azs, p.Subnets[i].AvailabilityZone)
			}
			layout, err := network.SubnetLayout("10.0.0.0/16", azs)
			require.NoError(t, err)
			for i, s := range layout {
				assert.Equal(t, plan.Subnet{Vpc: "tenk-vpc", Tier: string(s.Tier), AvailabilityZone: s.AvailabilityZone, CidrBlock: s.CidrBlock, UsableAddresses: s.UsableAddresses()}, p.Subnets[i])
			}
			assert.Equal(t, plan.Subnet{Vpc: "tenk-vpc", Tier: "private", AvailabilityZone: "us-east-1a", CidrBlock: "10.0.0.0/19", UsableAddresses: 8187}, p.Subnets[1])

			var text, md bytes.Buffer
			require.NoError(t, plan.RenderText(&text, p, nil))
			assert.Regexp(t, `tenk-vpc\s+private\s+us-east-1a\s+10\.0\.0\.0/19\s+8187`, text.String())
			assert.Regexp(t, `tenk-vpc\s+public\s+us-east-1b\s+10\.0\.96\.0/21\s+2043`, text.String())
			require.NoError(t, plan.RenderMarkdown(&md, p, nil))
			assert.Contains(t, md.String(), "| `tenk-vpc` | isolated | us-east-1a | `10.0.40.0/21` | 2043 |")
		})
	}
}

// A Vpc given blocks other than network.SubnetLayout's fails the plan rather than list a layout
// awsx would not create.
func TestPlanRejectsAVpcOffTheLayout(t *testing.T) {
	c := &crafted{}
	net := c.component("tenk:network:Network", "app")
	c.remote(net, "awsx:ec2:Vpc", "app-vpc", map[string]any{
		"cidrBlock":             "10.0.0.0/16",
		"availabilityZoneNames": []string{"us-east-1a", "us-east-1b"},
		"natGateways":           map[string]any{"strategy": "None"},
		"subnetSpecs": []any{
			map[string]any{"type": "Public", "name": "public", "cidrBlocks": []string{"10.0.32.0/21", "10.0.96.0/21"}},
			map[string]any{"type": "Private", "name": "private", "cidrBlocks": []string{"10.0.0.0/19", "10.0.64.0/19"}},
			map[string]any{"type": "Isolated", "name": "isolated", "cidrBlocks": []string{"10.0.40.0/21", "10.0.112.0/21"}},
		},
	})
	_, err := c.tryBuild()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "awsx Vpc app-vpc was not given network.SubnetLayout's isolated subnet 10.0.104.0/21 in us-east-1b")
}
