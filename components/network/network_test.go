package network_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/network"
	"github.com/tenkstack/tenk/tests"
)

func build(t *testing.T, args *network.NetworkArgs) (*tests.Mocks, *network.Network) {
	t.Helper()
	return tests.Build(t, func(ctx *pulumi.Context) (*network.Network, error) { return network.NewNetwork(ctx, "net", args) })
}

func TestDefaultsAreProductionGrade(t *testing.T) {
	m, n := build(t, nil)

	assert.Equal(t, []string{"us-east-1a", "us-east-1b", "us-east-1c"}, n.AvailabilityZoneNames)
	assert.Equal(t, 3, n.AvailabilityZoneCount)

	vpcs := m.ByType("awsx:ec2:Vpc")
	require.Len(t, vpcs, 1)
	vpc := vpcs[0]
	assert.True(t, vpc.Remote, "awsx Vpc is a remote component")
	assert.Equal(t, "10.0.0.0/16", vpc.String("cidrBlock"))
	assert.Equal(t, "OnePerAz", vpc.String("natGateways.strategy"))
	assert.Equal(t, "Auto", vpc.String("subnetStrategy"))
	assert.Equal(t, float64(18), vpc.Number("availabilityZoneCidrMask"))
	assert.Equal(t, []string{"us-east-1a", "us-east-1b", "us-east-1c"}, vpc.Strings("availabilityZoneNames"))
	assert.True(t, vpc.Bool("enableDnsSupport"))
	assert.True(t, vpc.Bool("enableDnsHostnames"))
	for i, want := range []struct {
		typ, name string
		mask      float64
	}{{"Public", "public", 21}, {"Private", "private", 19}, {"Isolated", "isolated", 21}} {
		prefix := "subnetSpecs." + string(rune('0'+i)) + "."
		assert.Equal(t, want.typ, vpc.String(prefix+"type"))
		assert.Equal(t, want.name, vpc.String(prefix+"name"))
		assert.Equal(t, want.mask, vpc.Number(prefix+"cidrMask"))
	}

	ids := tests.Await(t, n.PrivateSubnetIDs).([]string)
	assert.Len(t, ids, 3)

	endpoints := m.ByType("aws:ec2/vpcEndpoint:VpcEndpoint")
	require.Len(t, endpoints, 2)
	services := []string{endpoints[0].String("serviceName"), endpoints[1].String("serviceName")}
	assert.ElementsMatch(t, []string{"com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.dynamodb"}, services)
	for _, e := range endpoints {
		assert.Equal(t, "Gateway", e.String("vpcEndpointType"))
		assert.NotEmpty(t, e.Strings("routeTableIds"), "%s must reach the route tables", e.Name)
	}

	flow := m.ByType("aws:ec2/flowLog:FlowLog")
	require.Len(t, flow, 1)
	assert.Equal(t, "ALL", flow[0].String("trafficType"))
	assert.Equal(t, "cloud-watch-logs", flow[0].String("logDestinationType"))
	groups := m.ByType("aws:cloudwatch/logGroup:LogGroup")
	require.Len(t, groups, 1)
	assert.Equal(t, float64(30), groups[0].Number("retentionInDays"))

	sg := m.ByType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")
	require.Len(t, sg, 1)
	assert.False(t, sg[0].Has("ingress"), "default security group keeps no ingress rule")
	assert.False(t, sg[0].Has("egress"), "default security group keeps no egress rule")
}

func TestDevShape(t *testing.T) {
	m, n := build(t, &network.NetworkArgs{
		AvailabilityZoneCount: 2,
		NatGateways:           network.NatSingle,
		FlowLogs:              pulumi.BoolRef(false),
	})
	assert.Equal(t, 2, n.AvailabilityZoneCount)
	vpc := m.ByType("awsx:ec2:Vpc")[0]
	assert.Equal(t, "Single", vpc.String("natGateways.strategy"))
	assert.Len(t, vpc.Strings("availabilityZoneNames"), 2)
	assert.Empty(t, m.ByType("aws:ec2/flowLog:FlowLog"))
	assert.Empty(t, m.ByType("aws:cloudwatch/logGroup:LogGroup"))
}

func TestEveryChildIsParentedToTheComponent(t *testing.T) {
	m, _ := build(t, nil)
	assert.Len(t, m.Children(t, network.Token), len(m.Resources())-1)
}

func TestPinnedAvailabilityZonesSkipTheLookup(t *testing.T) {
	m, n := build(t, &network.NetworkArgs{AvailabilityZoneNames: []string{"eu-west-1b", "eu-west-1c"}})
	assert.Equal(t, 2, n.AvailabilityZoneCount)
	for _, inv := range m.Invokes() {
		assert.NotEqual(t, "aws:index/getAvailabilityZones:getAvailabilityZones", inv.Token)
	}
	for _, e := range m.ByType("aws:ec2/vpcEndpoint:VpcEndpoint") {
		assert.Contains(t, e.String("serviceName"), "com.amazonaws.eu-west-1.")
	}
}

func TestInvalidArgsRegisterNothing(t *testing.T) {
	cases := []struct {
		name string
		args network.NetworkArgs
		want string
	}{
		{"one AZ", network.NetworkArgs{AvailabilityZoneCount: 1}, "AvailabilityZoneCount is 1: it must be 2–3"},
		{"four AZs", network.NetworkArgs{AvailabilityZoneCount: 4}, "AvailabilityZoneCount is 4"},
		{"names disagree with count", network.NetworkArgs{AvailabilityZoneCount: 3, AvailabilityZoneNames: []string{"us-east-1a", "us-east-1b"}}, "AvailabilityZoneNames lists 2 AZs but AvailabilityZoneCount is 3"},
		{"duplicate AZ", network.NetworkArgs{AvailabilityZoneNames: []string{"us-east-1a", "us-east-1a"}}, `lists "us-east-1a" twice`},
		{"bad CIDR", network.NetworkArgs{CidrBlock: "10.0.0.0"}, "is not an IPv4 CIDR block"},
		{"CIDR too large", network.NetworkArgs{CidrBlock: "10.0.0.0/8"}, "use a block from /16 to /20"},
		{"CIDR too small", network.NetworkArgs{CidrBlock: "10.0.0.0/24"}, "use a block from /16 to /20"},
		{"host bits", network.NetworkArgs{CidrBlock: "10.0.1.0/16"}, `use "10.0.0.0/16"`},
		{"NAT strategy", network.NetworkArgs{NatGateways: "Many"}, `NatGateways is "Many"`},
		{"retention", network.NetworkArgs{FlowLogRetentionDays: 10}, "FlowLogRetentionDays is 10: CloudWatch Logs accepts only 1, 3, 5"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			m, err := tests.Run(func(ctx *pulumi.Context) error {
				_, err := network.NewNetwork(ctx, "net", &args)
				return err
			}, tests.RunOptions{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Empty(t, m.Resources(), "a rejected network registers nothing")
		})
	}
}

func TestSubnetsPerAz(t *testing.T) {
	_, n := build(t, &network.NetworkArgs{AvailabilityZoneCount: 2})
	private := n.PrivateSubnets()
	require.Len(t, private, 2)
	assert.Equal(t, "subnet-net-vpc-private-2", tests.Await(t, private[1].ToStringOutput()))
	assert.Len(t, n.PublicSubnets(), 2)
	assert.Equal(t, "subnet-net-vpc-isolated-1", tests.Await(t, n.IsolatedSubnets()[0].ToStringOutput()))
}
