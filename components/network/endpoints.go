package network

import (
	"fmt"
	"regexp"
	"strings"

	awsec2 "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/argutil"
	"github.com/tenkstack/tenk/components/internal/ingress"
	"github.com/tenkstack/tenk/components/internal/inherit"
	"github.com/tenkstack/tenk/components/internal/outputs"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// InterfaceEndpointsToken is InterfaceEndpoints's type token.
const InterfaceEndpointsToken = "tenk:network:InterfaceEndpoints"

// InterfaceEndpointsArgs configures InterfaceEndpoints.
type InterfaceEndpointsArgs struct {
	// VpcID is the VPC (a Network's VpcID). Its DNS support and DNS hostnames must be on, as a
	// Network's are: private DNS needs both. Required.
	VpcID pulumi.StringInput
	// SubnetIDs get one network interface of every endpoint each: the subnets of the instances
	// that call the services, one per AZ (a Network's PrivateSubnetIDs). Required.
	SubnetIDs []pulumi.StringInput
	// Region is the VPC's Region; the endpoints serve com.amazonaws.<Region>.<service>. Required.
	Region string
	// Services are the endpoint services, named after "com.amazonaws.<region>." ("ssm",
	// "ssmmessages", "ecr.dkr"). S3 and DynamoDB are reached through a Network's free gateway
	// endpoints instead. Required (at least one).
	Services []string
	// AllowedSecurityGroupIDs are the only security groups admitted, on HTTPS (443): the
	// instances that call the services. Append new peers at the end. Default: none.
	AllowedSecurityGroupIDs []pulumi.StringInput
	// Tags are added to every resource that takes tags. Default: none.
	Tags map[string]string
}

// serviceName is an endpoint service after "com.amazonaws.<region>.": dot-separated lowercase words.
var serviceName = regexp.MustCompile(`^[a-z0-9-]+(\.[a-z0-9-]+)*$`)

// regionName is an AWS Region code ("us-east-1", "ap-southeast-2").
var regionName = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)

// Validate reports every problem before anything is registered, each naming the field.
func (a InterfaceEndpointsArgs) Validate() error {
	var l fielderr.List
	l.Required("VpcID", a.VpcID != nil, "pass the network's VPC ID")
	if len(a.SubnetIDs) == 0 {
		l.Addf("SubnetIDs", "is empty: pass the instances' subnets, one per AZ (the network's PrivateSubnetIDs)")
	}
	fielderr.NoNil(&l, "SubnetIDs", a.SubnetIDs, "a subnet ID")
	if !regionName.MatchString(a.Region) {
		l.Addf("Region", "is %q: give the VPC's Region code, such as \"us-east-1\"", a.Region)
	}
	if len(a.Services) == 0 {
		l.Addf("Services", "is empty: name at least one endpoint service, such as \"ssm\"")
	}
	for i, s := range a.Services {
		if !serviceName.MatchString(s) {
			l.Addf(fmt.Sprintf("Services[%d]", i), "is %q: name the service after com.amazonaws.<region>., such as \"ssm\" or \"ecr.dkr\"", s)
		}
	}
	if dup := argutil.FirstDuplicate(a.Services); dup != "" {
		l.Addf("Services", "lists %q twice: name each service once", dup)
	}
	fielderr.NoNil(&l, "AllowedSecurityGroupIDs", a.AllowedSecurityGroupIDs, "a security group ID")
	return l.Err()
}

// InterfaceEndpoints are interface VPC endpoints (AWS PrivateLink) for AWS services, with private
// DNS, so instances without a NAT route reach those services by their usual names.
type InterfaceEndpoints struct {
	pulumi.ResourceState

	// SecurityGroupID is the endpoints' security group, which admits only AllowedSecurityGroupIDs.
	SecurityGroupID pulumi.StringOutput
	// Services are the endpoint services, in Services order.
	Services []string
}

// NewInterfaceEndpoints creates one interface endpoint per service with a network interface in
// every subnet and private DNS on, behind a security group that admits HTTPS from the allowed
// groups only. Endpoints are named by service, so adding one never renames the others.
func NewInterfaceEndpoints(ctx *pulumi.Context, name string, args *InterfaceEndpointsArgs, opts ...pulumi.ResourceOption) (*InterfaceEndpoints, error) {
	if args == nil {
		args = &InterfaceEndpointsArgs{}
	}
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("interface endpoints %q: %w", name, err)
	}
	e := &InterfaceEndpoints{Services: args.Services}
	if err := ctx.RegisterComponentResource(InterfaceEndpointsToken, name, e, inherit.Options(opts)...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(e)
	tags := pulumi.ToStringMap(args.Tags)
	// No egress rule: endpoints only answer, and a security group's replies need none.
	sg, err := awsec2.NewSecurityGroup(ctx, name+"-sg", &awsec2.SecurityGroupArgs{
		VpcId:               args.VpcID,
		Description:         pulumi.String("tenk interface endpoints: HTTPS from the instances"),
		RevokeRulesOnDelete: pulumi.Bool(true),
		Tags:                tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	if _, err := ingress.FromSecurityGroups(ctx, name, sg.ID(), args.AllowedSecurityGroupIDs, 443,
		"HTTPS to the AWS service endpoints", parent); err != nil {
		return nil, err
	}
	for _, service := range args.Services {
		// Private DNS: the service's regional name (ssm.<region>.amazonaws.com) resolves to the
		// endpoint inside the VPC, so SDKs and the CLI need no endpoint setting (AWS PrivateLink
		// guide, "Access an AWS service using an interface VPC endpoint").
		if _, err := awsec2.NewVpcEndpoint(ctx, name+"-"+strings.ReplaceAll(service, ".", "-"), &awsec2.VpcEndpointArgs{
			VpcId:             args.VpcID,
			ServiceName:       pulumi.String("com.amazonaws." + args.Region + "." + service),
			VpcEndpointType:   pulumi.String("Interface"),
			PrivateDnsEnabled: pulumi.Bool(true),
			SubnetIds:         pulumi.StringArray(args.SubnetIDs),
			SecurityGroupIds:  pulumi.StringArray{sg.ID()},
			Tags:              tags,
		}, parent); err != nil {
			return nil, err
		}
	}
	e.SecurityGroupID = sg.ID().ToStringOutput()
	if err := outputs.Register(ctx, e); err != nil {
		return nil, err
	}
	return e, nil
}

// RegionOf is the Region of an AZ name ("eu-west-1b" → "eu-west-1").
func RegionOf(az string) string { return region(az) }
