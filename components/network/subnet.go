package network

import "net/netip"

// Tier is a subnet's role in the VPC; its value is also the awsx subnet spec's name, so it
// appears in every subnet's name ("<vpc>-private-2").
type Tier string

const (
	// TierPublic holds load balancers and NAT gateways; it routes to the internet gateway.
	TierPublic Tier = "public"
	// TierPrivate holds the instances; it routes to the internet through NAT (unless NatNone).
	TierPrivate Tier = "private"
	// TierIsolated holds databases and caches; it has no route to the internet.
	TierIsolated Tier = "isolated"
)

// AwsReservedAddresses is how many addresses AWS keeps in every subnet: the first four (network,
// VPC router, DNS, future use) and the last (broadcast).
// Source: https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
const AwsReservedAddresses = 5

// Subnet is one subnet of the layout: its tier, its AZ and its IPv4 block.
type Subnet struct {
	// Tier is public, private or isolated.
	Tier Tier
	// AvailabilityZone is the AZ name ("us-east-1a").
	AvailabilityZone string
	// CidrBlock is the subnet's IPv4 range ("10.0.0.0/19").
	CidrBlock string
}

// Addresses is the size of the subnet's block.
func (s Subnet) Addresses() int {
	p, err := netip.ParsePrefix(s.CidrBlock)
	if err != nil {
		return 0
	}
	return 1 << (32 - p.Bits())
}

// UsableAddresses is what instances, load balancers and databases can use: the block's size less
// the AwsReservedAddresses AWS keeps in every subnet.
func (s Subnet) UsableAddresses() int {
	return max(s.Addresses()-AwsReservedAddresses, 0)
}
