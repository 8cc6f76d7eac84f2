package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/network"
	"github.com/tenkstack/tenk/components/webtier"
)

// The words of tenk:network.interfaceEndpoints.
const (
	// EndpointsAuto creates the interface endpoints only with natGateways none, where the
	// instances have no other way to the AWS APIs.
	EndpointsAuto = "auto"
	// EndpointsAlways creates them with NAT too, keeping AWS API traffic off the NAT gateways.
	EndpointsAlways = "always"
)

// interfaceEndpointsOn reports whether the stack gets interface endpoints: always without NAT
// (SSM, the settings and the secrets are unreachable otherwise), and with NAT when asked.
func interfaceEndpointsOn(cfg Config) bool {
	return cfg.Network.NatGateways == network.NatNone || cfg.Endpoints.InterfaceEndpoints == EndpointsAlways
}

// appImageFromECR reports whether the instances pull the application image from Amazon ECR,
// which needs the ecr.api and ecr.dkr endpoints (and the S3 gateway for the layers): an image in
// an ECR registry (tenk:app.image), or a build (tenk:app.build), which pushes to the stack's ECR
// repository. The built-in server and images elsewhere pull nothing from ECR.
func appImageFromECR(cfg Config) bool {
	if cfg.App.Build != "" {
		return true
	}
	ref, ok := webtier.ParseImageRef(cfg.App.Image)
	return ok && ref.ECR != nil
}

// addInterfaceEndpoints creates the interface endpoints of InstanceServices in the private
// subnets, admitting HTTPS from the web instances only; S3 and DynamoDB keep the network's
// gateway endpoints. Called once the web tier (its instance security group) exists.
func addInterfaceEndpoints(ctx *pulumi.Context, cfg Config, w wiring) error {
	if !interfaceEndpointsOn(cfg) {
		return nil
	}
	_, err := network.NewInterfaceEndpoints(ctx, "tenk-endpoints", &network.InterfaceEndpointsArgs{
		VpcID:                   w.vpcID,
		SubnetIDs:               w.private,
		Region:                  network.RegionOf(w.azs[0]),
		Services:                interfaceEndpointServices(appImageFromECR(cfg)),
		AllowedSecurityGroupIDs: []pulumi.StringInput{w.webSecurityGroupID},
		Tags:                    w.tags,
	})
	return err
}
