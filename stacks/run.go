package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/network"
)

// Run is the whole tenk program: `pulumi up` runs it through main.go, tests run it under mocks.
// Config is loaded and validated before anything is registered, so a bad stack file deploys
// nothing.
func Run(ctx *pulumi.Context) error {
	cfg, err := LoadConfig(ctx)
	if err != nil {
		return err
	}
	return Deploy(ctx, cfg)
}

// Deploy composes the components for a validated config and exports the stack outputs.
func Deploy(ctx *pulumi.Context, cfg Config) error {
	tags := map[string]string{"tenk:stack": ctx.Stack(), "tenk:environment": string(cfg.Environment)}

	net, err := network.NewNetwork(ctx, "tenk", networkArgs(cfg, tags))
	if err != nil {
		return err
	}

	ctx.Export("environment", pulumi.String(string(cfg.Environment)))
	ctx.Export("vpcId", net.VpcID)
	ctx.Export("availabilityZones", pulumi.ToStringArray(net.AvailabilityZoneNames))
	ctx.Export("publicSubnetIds", net.PublicSubnetIDs)
	ctx.Export("privateSubnetIds", net.PrivateSubnetIDs)
	ctx.Export("isolatedSubnetIds", net.IsolatedSubnetIDs)
	return nil
}

// networkArgs maps tenk:network onto the Network component.
func networkArgs(cfg Config, tags map[string]string) *network.NetworkArgs {
	n := cfg.Network
	return &network.NetworkArgs{
		CidrBlock:             n.CidrBlock,
		AvailabilityZoneCount: n.AzCount,
		NatGateways:           natStrategies[n.NatGateways],
		FlowLogs:              &n.FlowLogs,
		FlowLogRetentionDays:  n.FlowLogRetentionDays,
		Tags:                  tags,
	}
}
