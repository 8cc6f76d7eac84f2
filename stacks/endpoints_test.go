package stacks

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
		nat, setting string
		want         bool
	}{
		{"none", EndpointsAuto, true}, {"single", EndpointsAuto, false}, {"onePerAz", EndpointsAuto, false},
		{"onePerAz", EndpointsAlways, true}, {"none", EndpointsAlways, true},
	} {
		cfg := Config{Network: NetworkConfig{NatGateways: tc.nat, InterfaceEndpoints: tc.setting}}
		assert.Equal(t, tc.want, interfaceEndpointsOn(cfg), "%s %s", tc.nat, tc.setting)
	}
}
