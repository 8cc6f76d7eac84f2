package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/network"
	"github.com/tenkstack/tenk/internal/configschema"
)

// networkSection is tenk:network, the Network component (components/network).
var networkSection = configschema.Section[Config]{
	Name: "network", Args: "Network", Summary: "network",
	Rows: []configschema.Row{
		configschema.Setting("availabilityZoneCount", "Network.AvailabilityZoneCount",
			"2–3; at most the AZs that offer `tenk:web.instanceType` ([Subnet layout](#subnet-layout))",
			"How many AZs the VPC spans; every tier spreads over all of them."),
		configschema.Setting("cidrBlock", "Network.CidrBlock",
			"/16–/20; cut as in [Subnet layout](#subnet-layout)",
			"The VPC's IPv4 block."),
		configschema.Setting("natGateways", "Network.NatGateways",
			"`none`, `single`, `onePerAz`",
			"NAT gateways for the private subnets: none, one shared, or one per AZ.").
			OneOf(configschema.Word{Word: "none", Value: network.NatNone}, configschema.Word{Word: "single", Value: network.NatSingle},
				configschema.Word{Word: "onePerAz", Value: network.NatOnePerAz}),
		configschema.Setting("flowLogs", "Network.FlowLogs", "",
			"VPC flow logs to CloudWatch Logs."),
		configschema.Setting("flowLogRetentionDays", "Network.FlowLogRetentionDays",
			"a CloudWatch Logs retention value",
			"Days the flow logs are kept; also the database log groups' retention."),
	},
	Baseline: func(c *Config) { c.Network = networkBaseline(c.Environment) },
	Parts: func(c Config) []configschema.Part {
		return []configschema.Part{part("Network", *networkArgs(c, placeholderWiring(c)))}
	},
}

// networkBaseline is tenk:network's baseline: dev spans 2 AZs behind one NAT gateway without flow
// logs; prod spans 3 AZs with a NAT gateway each and keeps flow logs 90 days.
func networkBaseline(env Environment) network.NetworkArgs {
	return network.NetworkArgs{
		AvailabilityZoneCount: either(env, 2, 3),
		CidrBlock:             "10.0.0.0/16",
		NatGateways:           either(env, network.NatSingle, network.NatOnePerAz),
		FlowLogs:              pulumi.BoolRef(env == Prod),
		FlowLogRetentionDays:  either(env, 30, 90),
	}
}
