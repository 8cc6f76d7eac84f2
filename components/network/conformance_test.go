package network_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/conformance"
	"github.com/tenkstack/tenk/components/network"
)

// TestConformance: the component rules; embedding the network must not cost the other tiers'
// AWS packages (ec2 for the VPC pieces, cloudwatch and iam for flow logs, vpc for the interface
// endpoints' one-rule-per-peer ingress).
func TestConformance(t *testing.T) {
	conformance.Check(t, conformance.Component{
		Token: network.Token,
		New: func(ctx *pulumi.Context, name string, azs int, opts ...pulumi.ResourceOption) error {
			_, err := network.NewNetwork(ctx, name, &network.NetworkArgs{AvailabilityZoneCount: azs}, opts...)
			return err
		},
		Counts:  [2]int{2, 3},
		Budget:  conformance.Budget{AWS: []string{"ec2", "cloudwatch", "iam", "vpc"}},
		Outputs: &network.Network{},
	})
}
