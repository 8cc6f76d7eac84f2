package network

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// PublicSubnets returns the public subnet IDs one input per AZ, the shape tenk's components take
// (the count is known when the program runs, the IDs are not).
func (n *Network) PublicSubnets() []pulumi.StringInput {
	return perAz(n.PublicSubnetIDs, n.AvailabilityZoneCount)
}

// PrivateSubnets returns the private subnet IDs one input per AZ.
func (n *Network) PrivateSubnets() []pulumi.StringInput {
	return perAz(n.PrivateSubnetIDs, n.AvailabilityZoneCount)
}

// IsolatedSubnets returns the isolated subnet IDs one input per AZ.
func (n *Network) IsolatedSubnets() []pulumi.StringInput {
	return perAz(n.IsolatedSubnetIDs, n.AvailabilityZoneCount)
}

func perAz(ids pulumi.StringArrayOutput, count int) []pulumi.StringInput {
	out := make([]pulumi.StringInput, count)
	for i := range out {
		out[i] = ids.Index(pulumi.Int(i))
	}
	return out
}
