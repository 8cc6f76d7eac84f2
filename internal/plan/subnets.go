package plan

import (
	"fmt"
	"slices"

	"github.com/tenkstack/tenk/components/network"
)

// Subnet is one subnet of a VPC in the plan: what awsx creates, with the addresses left to use.
type Subnet struct {
	// Vpc is the logical name of the awsx Vpc that creates the subnet.
	Vpc string `json:"vpc"`
	// Tier is public, private or isolated; AvailabilityZone the AZ name; CidrBlock its IPv4 block.
	Tier             string `json:"tier"`
	AvailabilityZone string `json:"availabilityZone"`
	CidrBlock        string `json:"cidrBlock"`
	// UsableAddresses is the block's size less the 5 addresses AWS reserves in every subnet.
	UsableAddresses int `json:"usableAddresses"`
}

// subnetsOf lists the subnets of every awsx Vpc in the plan, computed by network.SubnetLayout
// (the function the Network component hands awsx its blocks from) for the Vpc's registered CIDR
// block and AZs, and checked against the blocks the Vpc was actually given. A Vpc without
// explicit blocks (not built by tenk's Network) is left out.
func subnetsOf(p *Plan) ([]Subnet, error) {
	var out []Subnet
	for i := range p.Resources {
		r := &p.Resources[i]
		if r.Type != "awsx:ec2:Vpc" || !r.Has("subnetSpecs.0.cidrBlocks") {
			continue
		}
		azs := r.Strings("availabilityZoneNames")
		layout, err := network.SubnetLayout(r.String("cidrBlock"), azs)
		if err != nil {
			return nil, fmt.Errorf("awsx Vpc %s: %w", r.Name, err)
		}
		registered := map[string]bool{}
		for s := 0; r.Has(fmt.Sprintf("subnetSpecs.%d", s)); s++ {
			tier := r.String(fmt.Sprintf("subnetSpecs.%d.name", s))
			for a, block := range r.Strings(fmt.Sprintf("subnetSpecs.%d.cidrBlocks", s)) {
				if a < len(azs) {
					registered[tier+" "+azs[a]+" "+block] = true
				}
			}
		}
		for _, s := range layout {
			if !registered[string(s.Tier)+" "+s.AvailabilityZone+" "+s.CidrBlock] {
				return nil, fmt.Errorf("awsx Vpc %s was not given network.SubnetLayout's %s subnet %s in %s", r.Name, s.Tier, s.CidrBlock, s.AvailabilityZone)
			}
			out = append(out, Subnet{Vpc: r.Name, Tier: string(s.Tier), AvailabilityZone: s.AvailabilityZone, CidrBlock: s.CidrBlock, UsableAddresses: s.UsableAddresses()})
		}
		if len(registered) != len(layout) {
			return nil, fmt.Errorf("awsx Vpc %s has %d subnet blocks, network.SubnetLayout %d", r.Name, len(registered), len(layout))
		}
	}
	return slices.Clip(out), nil
}
