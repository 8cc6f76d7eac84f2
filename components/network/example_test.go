package network_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/network"
)

// A two-AZ network with one shared NAT gateway, embedded in another program.
func ExampleNewNetwork() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		net, err := network.NewNetwork(ctx, "shop", &network.NetworkArgs{
			CidrBlock:             "10.20.0.0/16",
			AvailabilityZoneCount: 2,
			NatGateways:           network.NatSingle,
		})
		if err != nil {
			return err
		}
		ctx.Export("vpcId", net.VpcID)
		ctx.Export("privateSubnetIds", net.PrivateSubnetIDs)
		return nil
	})
}
