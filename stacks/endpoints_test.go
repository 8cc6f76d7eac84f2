package stacks

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tenkstack/tenk/components/network"
)

// TestInterfaceEndpointServices: the endpoints come from InstanceServices: every service but the
// gateway ones (S3, DynamoDB), and ECR's two only with an application image from ECR.
func TestInterfaceEndpointServices(t *testing.T) {
	base := []string{"ssm", "ssmmessages", "ec2messages", "secretsmanager", "logs"}
	assert.Equal(t, base, interfaceEndpointServices(false))
	assert.Equal(t, append(base, "ecr.api", "ecr.dkr"), interfaceEndpointServices(true))
}

// TestInterfaceEndpointsOn: auto means only without NAT; always means with NAT too.
func TestInterfaceEndpointsOn(t *testing.T) {
	for _, tc := range []struct {
		nat     network.NatStrategy
		setting string
		want    bool
	}{
		{network.NatNone, EndpointsAuto, true}, {network.NatSingle, EndpointsAuto, false}, {network.NatOnePerAz, EndpointsAuto, false},
		{network.NatOnePerAz, EndpointsAlways, true}, {network.NatNone, EndpointsAlways, true},
	} {
		cfg := Config{Network: network.NetworkArgs{NatGateways: tc.nat}, Endpoints: Endpoints{InterfaceEndpoints: tc.setting}}
		assert.Equal(t, tc.want, interfaceEndpointsOn(cfg), "%s %s", tc.nat, tc.setting)
	}
}
