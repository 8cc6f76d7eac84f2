package network

import (
	"github.com/pulumi/pulumi-awsx/sdk/v2/go/awsx/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// subnetSpecs turns the layout into awsx subnet specs, one per tier in placements order, each
// with one explicit CIDR block per AZ. awsx maps cidrBlocks[i] to availabilityZoneNames[i]
// (awsx/ec2/subnetDistributorNew.ts getSubnetSpecsExplicit) and names the subnet and its route
// table "<vpc>-<spec name>-<i+1>". No cidrMask is passed: awsx requires it to agree with every
// block, so it would only repeat them.
func subnetSpecs(subnets []Subnet, azs []string) []ec2.SubnetSpecArgs {
	specs := make([]ec2.SubnetSpecArgs, 0, len(placements))
	for _, pl := range placements {
		blocks := make([]string, len(azs))
		for _, s := range subnets {
			if s.Tier != pl.tier {
				continue
			}
			for i, az := range azs {
				if s.AvailabilityZone == az {
					blocks[i] = s.CidrBlock
				}
			}
		}
		specs = append(specs, ec2.SubnetSpecArgs{
			Type:       awsxSubnetTypes[pl.tier],
			Name:       pulumi.StringRef(string(pl.tier)),
			CidrBlocks: blocks,
		})
	}
	return specs
}

// awsxSubnetTypes maps tenk's tiers to awsx's subnet types, which decide the routes awsx adds.
var awsxSubnetTypes = map[Tier]ec2.SubnetType{
	TierPublic:   ec2.SubnetTypePublic,
	TierPrivate:  ec2.SubnetTypePrivate,
	TierIsolated: ec2.SubnetTypeIsolated,
}
