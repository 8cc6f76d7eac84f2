package network

import (
	"fmt"

	awsec2 "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-awsx/sdk/v2/go/awsx/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/argutil"
	"github.com/tenkstack/tenk/components/internal/inherit"
	"github.com/tenkstack/tenk/components/internal/outputs"
)

// Token is Network's type token; it is part of every child's URN, so it never changes.
const Token = "tenk:network:Network"

// Network is a VPC across 2–3 AZs with public, private and isolated subnets in each.
type Network struct {
	pulumi.ResourceState

	// VpcID is the VPC's ID.
	VpcID pulumi.StringOutput
	// CidrBlock is the VPC's IPv4 range.
	CidrBlock string
	// PublicSubnetIDs are one per AZ, in AvailabilityZoneNames order: load balancers, NAT gateways.
	PublicSubnetIDs pulumi.StringArrayOutput
	// PrivateSubnetIDs are one per AZ, routed through NAT (unless NatNone): application instances.
	PrivateSubnetIDs pulumi.StringArrayOutput
	// IsolatedSubnetIDs are one per AZ with no internet route: databases and caches.
	IsolatedSubnetIDs pulumi.StringArrayOutput
	// AvailabilityZoneNames are the AZs the VPC spans, known when the program runs.
	AvailabilityZoneNames []string
	// AvailabilityZoneCount is len(AvailabilityZoneNames), for sizing decisions (ASG minimum,
	// replica spread).
	AvailabilityZoneCount int
	// Subnets is the layout handed to awsx (SubnetLayout), known when the program runs: in AZ
	// order, and within an AZ public, private, isolated.
	Subnets []Subnet
	// Vpc is the awsx VPC inside, for callers who need its route tables or NAT gateways.
	Vpc *ec2.Vpc
}

// NewNetwork validates args, then builds the VPC, its endpoints, flow logs and the locked-down
// default security group as children of one Network component.
func NewNetwork(ctx *pulumi.Context, name string, args *NetworkArgs, opts ...pulumi.ResourceOption) (*Network, error) {
	if args == nil {
		args = &NetworkArgs{}
	}
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("network %q: %w", name, err)
	}
	a := args.withDefaults()

	n := &Network{CidrBlock: a.CidrBlock}
	if err := ctx.RegisterComponentResource(Token, name, n, inherit.Options(opts)...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(n)
	if err := n.layout(ctx, a, parent); err != nil {
		return nil, fmt.Errorf("network %q: %w", name, err)
	}
	vpc, err := newVpc(ctx, name, a, n.AvailabilityZoneNames, n.Subnets, parent)
	if err != nil {
		return nil, err
	}
	n.Vpc = vpc
	n.VpcID = vpc.VpcId
	n.PublicSubnetIDs = vpc.PublicSubnetIds
	n.PrivateSubnetIDs = vpc.PrivateSubnetIds
	n.IsolatedSubnetIDs = vpc.IsolatedSubnetIds

	// Adopting the default security group with no rules removes AWS's allow-all-within-group
	// rules, so nothing lands in an open group by accident.
	if _, err := awsec2.NewDefaultSecurityGroup(ctx, name+"-default-sg", &awsec2.DefaultSecurityGroupArgs{
		VpcId: vpc.VpcId,
		Tags:  pulumi.ToStringMap(a.Tags),
	}, parent); err != nil {
		return nil, err
	}
	if *a.GatewayEndpoints {
		if err := gatewayEndpoints(ctx, name, vpc, region(n.AvailabilityZoneNames[0]), a.Tags, parent); err != nil {
			return nil, err
		}
	}
	if *a.FlowLogs {
		if err := flowLogs(ctx, name, vpc.VpcId, a.FlowLogRetentionDays, a.Tags, parent); err != nil {
			return nil, err
		}
	}
	if err := outputs.Register(ctx, n); err != nil {
		return nil, err
	}
	return n, nil
}

// layout decides the AZs (AvailabilityZoneNames, or looked up by lookupAvailabilityZones) and
// cuts the VPC block into their subnets (SubnetLayout).
func (n *Network) layout(ctx *pulumi.Context, a NetworkArgs, parent pulumi.ResourceOrInvokeOption) error {
	azs := a.AvailabilityZoneNames
	if len(azs) == 0 {
		var err error
		if azs, err = lookupAvailabilityZones(ctx, a.AvailabilityZoneCount, a.RequiredInstanceTypes, a.CloudFrontVpcOrigin, parent); err != nil {
			return err
		}
	}
	n.AvailabilityZoneNames = azs
	n.AvailabilityZoneCount = len(azs)
	subnets, err := SubnetLayout(a.CidrBlock, azs)
	n.Subnets = subnets
	return err
}

// newVpc registers the awsx VPC with tenk's explicit subnet layout.
func newVpc(ctx *pulumi.Context, name string, a NetworkArgs, azs []string, subnets []Subnet, parent pulumi.ResourceOption) (*ec2.Vpc, error) {
	return ec2.NewVpc(ctx, name+"-vpc", &ec2.VpcArgs{
		CidrBlock:             pulumi.StringRef(a.CidrBlock),
		AvailabilityZoneNames: azs,
		// Every block is tenk's (SubnetLayout): awsx's own Auto allocator overlaps tiers across AZ
		// blocks. awsx v2.21.0 uses explicit cidrBlocks only with strategy Auto (or Exact, which
		// rejects the free quarter of each AZ block); the default Legacy ignores them
		// (awsx/ec2/vpc.ts pickSubnetAllocator).
		SubnetStrategy: argutil.Ptr(ec2.SubnetAllocationStrategyAuto),
		SubnetSpecs:    subnetSpecs(subnets, azs),
		NatGateways: &ec2.NatGatewayConfigurationArgs{
			Strategy: ec2.NatGatewayStrategy(a.NatGateways),
		},
		// Interface endpoints with private DNS need both; awsx v2 leaves hostnames at AWS's false.
		EnableDnsSupport:   pulumi.Bool(true),
		EnableDnsHostnames: pulumi.Bool(true),
		Tags:               pulumi.ToStringMap(a.Tags),
	}, parent)
}

// gatewayEndpoints adds the S3 and DynamoDB gateway endpoints to every route table of the VPC.
// Gateway endpoints are free and keep that traffic (assets, sessions) off the NAT gateways.
func gatewayEndpoints(ctx *pulumi.Context, name string, vpc *ec2.Vpc, region string, tags map[string]string, opts ...pulumi.ResourceOption) error {
	// The route tables are awsx's children; looking them up after the VPC exists avoids
	// resolving awsx's resource references.
	routeTables := awsec2.GetRouteTablesOutput(ctx, awsec2.GetRouteTablesOutputArgs{VpcId: vpc.VpcId},
		pulumi.Parent(vpc), pulumi.DependsOn([]pulumi.Resource{vpc}))
	for _, service := range []string{"s3", "dynamodb"} {
		if _, err := awsec2.NewVpcEndpoint(ctx, name+"-"+service+"-endpoint", &awsec2.VpcEndpointArgs{
			VpcId:           vpc.VpcId,
			ServiceName:     pulumi.Sprintf("com.amazonaws.%s.%s", region, service),
			VpcEndpointType: pulumi.String("Gateway"),
			RouteTableIds:   routeTables.Ids(),
			Tags:            pulumi.ToStringMap(tags),
		}, opts...); err != nil {
			return err
		}
	}
	return nil
}
