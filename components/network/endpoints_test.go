package network_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/internal/conformance"
	"github.com/tenkstack/tenk/components/network"
	"github.com/tenkstack/tenk/internal/fielderr"
	"github.com/tenkstack/tenk/internal/testkit"
)

func endpointsArgs(services ...string) *network.InterfaceEndpointsArgs {
	return &network.InterfaceEndpointsArgs{
		VpcID:                   pulumi.String("vpc-1"),
		SubnetIDs:               []pulumi.StringInput{pulumi.String("subnet-a"), pulumi.String("subnet-b")},
		Region:                  "us-east-1",
		Services:                services,
		AllowedSecurityGroupIDs: []pulumi.StringInput{pulumi.String("sg-web")},
	}
}

// TestInterfaceEndpoints: one interface endpoint per service, private DNS on, a network interface
// in every subnet, behind a group that admits HTTPS from the allowed group and nothing else.
func TestInterfaceEndpoints(t *testing.T) {
	m, e := testkit.Build(t, func(ctx *pulumi.Context) (*network.InterfaceEndpoints, error) {
		return network.NewInterfaceEndpoints(ctx, "vpce", endpointsArgs("ssm", "ecr.dkr"))
	})
	sgID := testkit.Await(t, e.SecurityGroupID)
	endpoints := m.ByType("aws:ec2/vpcEndpoint:VpcEndpoint")
	require.Len(t, endpoints, 2)
	for _, want := range []struct{ name, service string }{{"vpce-ssm", "ssm"}, {"vpce-ecr-dkr", "ecr.dkr"}} {
		ep, ok := m.Named("aws:ec2/vpcEndpoint:VpcEndpoint", want.name)
		require.True(t, ok, want.name)
		assert.Equal(t, "com.amazonaws.us-east-1."+want.service, ep.String("serviceName"))
		assert.Equal(t, "Interface", ep.String("vpcEndpointType"))
		assert.True(t, ep.Bool("privateDnsEnabled"), "SDKs reach the endpoint by the service's usual name")
		assert.Equal(t, []string{"subnet-a", "subnet-b"}, ep.Strings("subnetIds"))
		assert.Equal(t, []string{sgID.(string)}, ep.Strings("securityGroupIds"))
	}
	rules := m.ByType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
	require.Len(t, rules, 1)
	assert.Equal(t, "sg-web", rules[0].String("referencedSecurityGroupId"))
	assert.Equal(t, float64(443), rules[0].Number("fromPort"))
	assert.Equal(t, float64(443), rules[0].Number("toPort"))
	assert.Empty(t, m.ByType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"))
	assert.Empty(t, m.One(t, "aws:ec2/securityGroup:SecurityGroup").Inputs["ingress"], "no inline rules")
}

func TestInterfaceEndpointsValidate(t *testing.T) {
	bad := endpointsArgs("ssm", "SSM Messages", "ssm")
	bad.Region = "us-east"
	bad.SubnetIDs = nil
	err := bad.Validate()
	require.Error(t, err)
	assert.ElementsMatch(t, []string{"SubnetIDs", "Region", "Services[1]", "Services"}, fielderr.Paths(err))
	assert.Contains(t, err.Error(), `Services lists "ssm" twice`)
	_, err = testkit.Run(func(ctx *pulumi.Context) error {
		_, err := network.NewInterfaceEndpoints(ctx, "vpce", &network.InterfaceEndpointsArgs{})
		return err
	}, testkit.RunOptions{})
	assert.ErrorContains(t, err, `interface endpoints "vpce": `)
	assert.ErrorContains(t, err, "VpcID is required: pass the network's VPC ID")
}

// TestInterfaceEndpointsConformance: the component rules; more services rename nothing.
func TestInterfaceEndpointsConformance(t *testing.T) {
	services := []string{"ssm", "ssmmessages", "ec2messages"}
	conformance.Check(t, conformance.Component{
		Token: network.InterfaceEndpointsToken,
		New: func(ctx *pulumi.Context, name string, count int, opts ...pulumi.ResourceOption) error {
			_, err := network.NewInterfaceEndpoints(ctx, name, endpointsArgs(services[:count]...), opts...)
			return err
		},
		Counts:  [2]int{1, 3},
		Package: "github.com/tenkstack/tenk/components/network",
		Budget:  conformance.Budget{AWS: []string{"ec2", "cloudwatch", "iam", "vpc"}},
	})
}
