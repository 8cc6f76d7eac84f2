package stacks

import "github.com/tenkstack/tenk/components/network"

// NetworkConfig is tenk:network; each field is set by one row of networkSection below, which
// documents it with its key, baselines and limits.
type NetworkConfig struct {
	AzCount              int
	CidrBlock            string
	NatGateways          string
	FlowLogs             bool
	FlowLogRetentionDays int
	InterfaceEndpoints   string
}

// networkSection is tenk:network, the Network component (components/network).
var networkSection = section{
	name: "network", args: "network.NetworkArgs", summary: "network",
	settings: []setting{
		row("azCount", "AvailabilityZoneCount", 2, 3,
			"2–3; at most the AZs that offer `tenk:web.instanceType` ([Subnet layout](#subnet-layout))",
			"How many AZs the VPC spans; every tier spreads over all of them.",
			func(c *Config) *int { return &c.Network.AzCount }),
		row("cidrBlock", "CidrBlock", "10.0.0.0/16", "10.0.0.0/16",
			"/16–/20; cut as in [Subnet layout](#subnet-layout)",
			"The VPC's IPv4 block.",
			func(c *Config) *string { return &c.Network.CidrBlock }),
		row("natGateways", "NatGateways", "single", "onePerAz",
			"`none`, `single`, `onePerAz`",
			"NAT gateways for the private subnets: none, one shared, or one per AZ.",
			func(c *Config) *string { return &c.Network.NatGateways }).
			oneOf(word{"none", network.NatNone}, word{"single", network.NatSingle}, word{"onePerAz", network.NatOnePerAz}),
		row("interfaceEndpoints", "", EndpointsAuto, EndpointsAuto,
			"`auto`: only with `natGateways: none`; `always`",
			"Interface endpoints for the AWS services the instances call (`stacks.InstanceServices`), in the private subnets ([Private subnets without NAT](#private-subnets-without-nat)).",
			func(c *Config) *string { return &c.Network.InterfaceEndpoints }).
			oneOf(word{EndpointsAuto, EndpointsAuto}, word{EndpointsAlways, EndpointsAlways}),
		row("flowLogs", "FlowLogs", false, true, "",
			"VPC flow logs to CloudWatch Logs.",
			func(c *Config) *bool { return &c.Network.FlowLogs }),
		row("flowLogRetentionDays", "FlowLogRetentionDays", 30, 90,
			"a CloudWatch Logs retention value",
			"Days the flow logs are kept; also the database log groups' retention.",
			func(c *Config) *int { return &c.Network.FlowLogRetentionDays }),
	},
}
