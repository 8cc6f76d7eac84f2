package network_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/network"
	"github.com/tenkstack/tenk/internal/fielderr"
	"github.com/tenkstack/tenk/internal/offline/monitor"
	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/testkit"
)

func build(t *testing.T, args *network.NetworkArgs) (*testkit.Mocks, *network.Network) {
	t.Helper()
	return testkit.Build(t, func(ctx *pulumi.Context) (*network.Network, error) { return network.NewNetwork(ctx, "net", args) })
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
	assert.False(t, vpc.Has("availabilityZoneCidrMask"), "explicit blocks: awsx's AZ mask would be unused")
	assert.Equal(t, []string{"us-east-1a", "us-east-1b", "us-east-1c"}, vpc.Strings("availabilityZoneNames"))
	assert.True(t, vpc.Bool("enableDnsSupport"))
	assert.True(t, vpc.Bool("enableDnsHostnames"))
	for i, want := range []struct {
		typ, name string
		blocks    []string
	}{
		{"Public", "public", []string{"10.0.32.0/21", "10.0.96.0/21", "10.0.160.0/21"}},
		{"Private", "private", []string{"10.0.0.0/19", "10.0.64.0/19", "10.0.128.0/19"}},
		{"Isolated", "isolated", []string{"10.0.40.0/21", "10.0.104.0/21", "10.0.168.0/21"}},
	} {
		prefix := "subnetSpecs." + string(rune('0'+i)) + "."
		assert.Equal(t, want.typ, vpc.String(prefix+"type"))
		assert.Equal(t, want.name, vpc.String(prefix+"name"))
		assert.Equal(t, want.blocks, vpc.Strings(prefix+"cidrBlocks"))
		assert.False(t, vpc.Has(prefix+"cidrMask"), "awsx requires a cidrMask to agree with the blocks: none is passed")
	}

	ids := testkit.Await(t, n.PrivateSubnetIDs).([]string)
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
		path string // the field the problem is reported on
	}{
		{"one AZ", network.NetworkArgs{AvailabilityZoneCount: 1}, `AvailabilityZoneCount`},
		{"four AZs", network.NetworkArgs{AvailabilityZoneCount: 4}, `AvailabilityZoneCount`},
		{"names disagree with count", network.NetworkArgs{AvailabilityZoneCount: 3, AvailabilityZoneNames: []string{"us-east-1a", "us-east-1b"}}, `AvailabilityZoneNames`},
		{"duplicate AZ", network.NetworkArgs{AvailabilityZoneNames: []string{"us-east-1a", "us-east-1a"}}, `AvailabilityZoneNames`},
		{"bad CIDR", network.NetworkArgs{CidrBlock: "10.0.0.0"}, `CidrBlock`},
		{"CIDR too large", network.NetworkArgs{CidrBlock: "10.0.0.0/8"}, `CidrBlock`},
		{"CIDR too small", network.NetworkArgs{CidrBlock: "10.0.0.0/24"}, `CidrBlock`},
		{"host bits", network.NetworkArgs{CidrBlock: "10.0.1.0/16"}, `CidrBlock`},
		{"NAT strategy", network.NetworkArgs{NatGateways: "Many"}, `NatGateways`},
		{"retention", network.NetworkArgs{FlowLogRetentionDays: 10}, `FlowLogRetentionDays`},
		{"empty instance type", network.NetworkArgs{RequiredInstanceTypes: []string{""}}, `RequiredInstanceTypes[0]`},
		{"instance type twice", network.NetworkArgs{RequiredInstanceTypes: []string{"m7g.large", "m7g.large"}}, `RequiredInstanceTypes`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			m, err := testkit.Run(func(ctx *pulumi.Context) error {
				_, err := network.NewNetwork(ctx, "net", &args)
				return err
			}, testkit.RunOptions{})
			require.Error(t, err)
			assert.Contains(t, fielderr.Paths(err), tc.path, err.Error())
			assert.Empty(t, m.Resources(), "a rejected network registers nothing")
		})
	}
}

func TestSubnetsPerAz(t *testing.T) {
	_, n := build(t, &network.NetworkArgs{AvailabilityZoneCount: 2})
	private := n.PrivateSubnets()
	require.Len(t, private, 2)
	assert.Equal(t, "subnet-net-vpc-private-2", testkit.Await(t, private[1].ToStringOutput()))
	assert.Len(t, n.PublicSubnets(), 2)
	assert.Equal(t, "subnet-net-vpc-isolated-1", testkit.Await(t, n.IsolatedSubnets()[0].ToStringOutput()))
}

// The inputs Network registers for awsx's Vpc, replayed through awsx v2.21.0's own allocation and
// validation (providers.ReplayAwsxVpc), for every supported VPC prefix, AZ count and NAT strategy:
// awsx accepts them and creates exactly the subnets of Network.Subnets, and the subnet IDs the
// mock returns are those subnets, per tier in AZ order.
func TestAwsxAcceptsTheLayout(t *testing.T) {
	for prefix := network.LargestVpcPrefix; prefix <= network.SmallestVpcPrefix; prefix++ {
		for _, azCount := range []int{2, 3} {
			for _, nat := range []network.NatStrategy{network.NatNone, network.NatSingle, network.NatOnePerAz} {
				cidr := fmt.Sprintf("10.64.0.0/%d", prefix)
				t.Run(fmt.Sprintf("%s-%dAZ-%s", cidr, azCount, nat), func(t *testing.T) {
					m, n := build(t, &network.NetworkArgs{CidrBlock: cidr, AvailabilityZoneCount: azCount, NatGateways: nat})
					created, err := providers.ReplayAwsxVpc(m.One(t, "awsx:ec2:Vpc"))
					require.NoError(t, err)

					want, err := network.SubnetLayout(cidr, n.AvailabilityZoneNames)
					require.NoError(t, err)
					assert.Equal(t, want, n.Subnets)
					require.Len(t, created, len(want))
					ids := map[network.Tier][]string{}
					for i, s := range want {
						number := i/3 + 1
						assert.Equal(t, fmt.Sprintf("net-vpc-%s-%d", s.Tier, number), created[i].Name)
						assert.Equal(t, s.CidrBlock, created[i].CidrBlock)
						assert.Equal(t, s.AvailabilityZone, created[i].AvailabilityZone)
						assert.Equal(t, string(s.Tier), strings.ToLower(created[i].Type))
						ids[s.Tier] = append(ids[s.Tier], "subnet-"+created[i].Name)
					}
					assert.Equal(t, ids[network.TierPublic], testkit.Await(t, n.PublicSubnetIDs))
					assert.Equal(t, ids[network.TierPrivate], testkit.Await(t, n.PrivateSubnetIDs))
					assert.Equal(t, ids[network.TierIsolated], testkit.Await(t, n.IsolatedSubnetIDs))
				})
			}
		}
	}
}

// awsx creates one route table per subnet; with the VPC's main route table, that is what the
// endpoints are attached to.
func TestGatewayEndpointsReachEveryRouteTable(t *testing.T) {
	m, _ := build(t, &network.NetworkArgs{AvailabilityZoneCount: 2})
	want := []string{"rtb-main-net-vpc"}
	for az := 1; az <= 2; az++ {
		for _, tier := range []string{"public", "private", "isolated"} {
			want = append(want, fmt.Sprintf("rtb-net-vpc-%s-%d", tier, az))
		}
	}
	for _, e := range m.ByType("aws:ec2/vpcEndpoint:VpcEndpoint") {
		assert.ElementsMatch(t, want, e.Strings("routeTableIds"), e.Name)
	}
}

const offeringsToken = "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings"

func TestAvailabilityZonesOfferTheRequiredInstanceTypes(t *testing.T) {
	t.Run("default types skip us-east-1e", func(t *testing.T) {
		m, n := build(t, &network.NetworkArgs{AvailabilityZoneCount: 3, RequiredInstanceTypes: []string{"m7g.large"}})
		assert.Equal(t, []string{"us-east-1a", "us-east-1b", "us-east-1c"}, n.AvailabilityZoneNames)
		var calls []monitor.Invoke
		for _, inv := range m.Invokes() {
			if inv.Token == offeringsToken {
				calls = append(calls, inv)
			}
		}
		require.Len(t, calls, 1, "one offerings lookup")
		args := testkit.Resource{Inputs: calls[0].Args}
		assert.Equal(t, "availability-zone", args.String("locationType"), "by AZ name, the names awsx is given")
		assert.Equal(t, "instance-type", args.String("filters.0.name"))
		assert.Equal(t, []string{"m7g.large"}, args.Strings("filters.0.values"))
	})
	t.Run("a scarce type picks the AZs that offer it", func(t *testing.T) {
		m, n := build(t, &network.NetworkArgs{AvailabilityZoneCount: 2, RequiredInstanceTypes: []string{"p5.48xlarge"}})
		assert.Equal(t, []string{"us-east-1a", "us-east-1c"}, n.AvailabilityZoneNames)
		assert.Equal(t, []string{"us-east-1a", "us-east-1c"}, m.One(t, "awsx:ec2:Vpc").Strings("availabilityZoneNames"))
	})
	t.Run("us-east-1e (use1-az3) lacks current families", func(t *testing.T) {
		// As if us-east-1a–c were impaired (getAvailabilityZones asks for state "available"):
		// of d, e and f, only d and f offer m7g.large.
		m := testkit.NewMocks(monitor.Stub{
			Token: "aws:index/getAvailabilityZones:getAvailabilityZones",
			Invoke: func(*monitor.Mocks, resource.PropertyMap) (resource.PropertyMap, error) {
				return resource.NewPropertyMapFromMap(map[string]any{"names": []string{"us-east-1f", "us-east-1e", "us-east-1d"}, "id": "us-east-1"}), nil
			},
		})
		var n *network.Network
		_, err := testkit.Run(func(ctx *pulumi.Context) (err error) {
			n, err = network.NewNetwork(ctx, "net", &network.NetworkArgs{AvailabilityZoneCount: 2, RequiredInstanceTypes: []string{"m7g.large"}})
			return err
		}, testkit.RunOptions{Mocks: m})
		require.NoError(t, err)
		assert.Equal(t, []string{"us-east-1d", "us-east-1f"}, n.AvailabilityZoneNames)
	})
	t.Run("a type offered nowhere", func(t *testing.T) {
		_, err := testkit.Run(func(ctx *pulumi.Context) error {
			_, err := network.NewNetwork(ctx, "net", &network.NetworkArgs{AvailabilityZoneCount: 3, RequiredInstanceTypes: []string{"m7g.lrage"}})
			return err
		}, testkit.RunOptions{})
		var short *network.AvailabilityZoneShortageError
		require.ErrorAs(t, err, &short)
		assert.Empty(t, short.Offering)
		assert.Contains(t, err.Error(), "only 0 AZs of us-east-1 offer m7g.lrage (none offers them; not in us-east-1a")
		assert.Contains(t, err.Error(), ": choose RequiredInstanceTypes offered in more AZs, or set AvailabilityZoneNames", "no count to lower to")
	})
	t.Run("too few AZs offer the type", func(t *testing.T) {
		m, err := testkit.Run(func(ctx *pulumi.Context) error {
			_, err := network.NewNetwork(ctx, "net", &network.NetworkArgs{AvailabilityZoneCount: 3, RequiredInstanceTypes: []string{"p5.48xlarge"}})
			return err
		}, testkit.RunOptions{})
		require.Error(t, err)
		assert.Contains(t, err.Error(), `network "net": AvailabilityZoneCount is 3 but only 2 AZs of us-east-1 offer p5.48xlarge (offered in us-east-1a, us-east-1c; not in us-east-1b, us-east-1d, us-east-1e, us-east-1f): lower AvailabilityZoneCount to 2`)
		assert.Empty(t, m.ByType("awsx:ec2:Vpc"), "no VPC without its AZs")
	})
	t.Run("pinned AZs are not looked up", func(t *testing.T) {
		m, n := build(t, &network.NetworkArgs{AvailabilityZoneNames: []string{"us-east-1e", "us-east-1a"}, RequiredInstanceTypes: []string{"m7g.large"}})
		assert.Equal(t, []string{"us-east-1e", "us-east-1a"}, n.AvailabilityZoneNames, "kept in the given order")
		for _, inv := range m.Invokes() {
			assert.NotEqual(t, offeringsToken, inv.Token)
		}
	})
}

// zonesStub answers getAvailabilityZones for us-east-1 with some of its AZ names, each with the
// zone ID the mocks' account maps it to (providers.ZoneID: us-east-1e is use1-az3).
func zonesStub(names ...string) monitor.Stub {
	ids := make([]string, len(names))
	for i, n := range names {
		ids[i] = providers.ZoneID(n)
	}
	return monitor.Stub{
		Token: "aws:index/getAvailabilityZones:getAvailabilityZones",
		Invoke: func(*monitor.Mocks, resource.PropertyMap) (resource.PropertyMap, error) {
			return resource.NewPropertyMapFromMap(map[string]any{"names": names, "zoneIds": ids, "id": "us-east-1"}), nil
		},
	}
}

// TestAvailabilityZonesHaveCloudFrontVpcOrigins: with CloudFrontVpcOrigin, the AZ choice skips
// AZs whose ID lacks VPC origins even when they offer the instance type (t2.micro is offered in
// every mock AZ), and a shortage says which AZs qualify and what to change.
func TestAvailabilityZonesHaveCloudFrontVpcOrigins(t *testing.T) {
	run := func(stub monitor.Stub, count int) (*network.Network, error) {
		var n *network.Network
		_, err := testkit.Run(func(ctx *pulumi.Context) (err error) {
			n, err = network.NewNetwork(ctx, "net", &network.NetworkArgs{
				AvailabilityZoneCount: count, RequiredInstanceTypes: []string{"t2.micro"}, CloudFrontVpcOrigin: true,
			})
			return err
		}, testkit.RunOptions{Mocks: testkit.NewMocks(stub)})
		return n, err
	}
	n, err := run(zonesStub("us-east-1e", "us-east-1f", "us-east-1d"), 2)
	require.NoError(t, err)
	assert.Equal(t, []string{"us-east-1d", "us-east-1f"}, n.AvailabilityZoneNames)

	_, err = run(zonesStub("us-east-1a", "us-east-1b", "us-east-1e"), 3)
	var short *network.AvailabilityZoneShortageError
	require.ErrorAs(t, err, &short)
	assert.Equal(t, []string{"us-east-1e (use1-az3)"}, short.NoVpcOrigin)
	assert.Contains(t, err.Error(), "only 2 AZs of us-east-1 offer t2.micro and CloudFront VPC origins (offered in us-east-1a, us-east-1b; no CloudFront VPC origins in us-east-1e (use1-az3)): lower AvailabilityZoneCount to 2")

	// The default stubs: the whole Region, six AZs; the first three by name qualify.
	_, n = build(t, &network.NetworkArgs{AvailabilityZoneCount: 3, CloudFrontVpcOrigin: true})
	assert.Equal(t, []string{"us-east-1a", "us-east-1b", "us-east-1c"}, n.AvailabilityZoneNames)
}

// TestCloudFrontVpcOriginRegion: a Region without VPC origins fails before anything registers;
// with pinned AZ names only their Region is checked.
func TestCloudFrontVpcOriginRegion(t *testing.T) {
	err := network.NetworkArgs{AvailabilityZoneNames: []string{"us-gov-west-1a", "us-gov-west-1b"}, CloudFrontVpcOrigin: true}.Validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "CloudFrontVpcOrigin is true but CloudFront VPC origins are not available in us-gov-west-1")
	require.NoError(t, network.NetworkArgs{AvailabilityZoneNames: []string{"us-east-1e", "us-east-1a"}, CloudFrontVpcOrigin: true}.Validate(),
		"pinned names are not looked up, so their IDs are not checked")
}
