package providers

import (
	"fmt"
	"math/bits"
	"net/netip"
	"sort"
	"strings"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// The mocks stub awsx's remote Vpc, so nothing would run the checks awsx makes at preview. This
// file replays them, in Go, on the inputs a program registers, so an input awsx v2.21.0 would
// reject fails the mock run as it would fail `pulumi preview`. What it replays, all from
// github.com/pulumi/pulumi-awsx tag v2.21.0:
//   - awsx/ec2/vpc.ts: the argument checks, decideSubnetSpecs and pickSubnetAllocator (which
//     allocator a strategy and the specs select), decideAndValidateSubnetSpecs (validateSubnets
//     with getOverlappingSubnets, validateNoGaps for Exact, validateNatGatewayStrategy), and the
//     order and names in which subnets and route tables are created;
//   - awsx/ec2/subnetDistributorNew.ts: validateAndNormalizeSubnetInputs, allocateSubnetCidrBlocks
//     with nextNetmask and newBits (the Auto allocator), getSubnetSpecsExplicit, subnetName.
// The Legacy allocator (subnetDistributorLegacy.ts) is not replayed: it ignores explicit
// cidrBlocks, and a Vpc that selects it is reported as such.
//
// On top of awsx, the AWS rules a subnet meets at CreateSubnet: its block lies inside the VPC's
// and is from /16 to /28 (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html).

// AwsxSubnet is one subnet awsx creates for a Vpc, with the route table awsx gives it.
type AwsxSubnet struct {
	// Name is awsx's logical name, also its route table's: "<vpc>-<spec name>-<AZ number>".
	Name string
	// Type is "Public", "Private", "Isolated" or "Unused" (allocated, never created).
	Type string
	// AvailabilityZone is the AZ name.
	AvailabilityZone string
	// CidrBlock is the subnet's IPv4 block.
	CidrBlock string
}

// awsxSpec is one normalized subnet spec.
type awsxSpec struct {
	typ, name  string
	cidrMask   int // 0: unset
	size       int // 0: unset
	cidrBlocks []string
	explicit   bool
}

// awsxValidSubnetSizes: the index is the netmask (subnetDistributorNew.ts validSubnetSizes).
func awsxValidSize(size int) (int, bool) {
	if size < 4 || size&(size-1) != 0 || size > 1<<32 {
		return 0, false
	}
	return 32 - bits.TrailingZeros64(uint64(size)), true
}

// ReplayAwsxVpc replays awsx v2.21.0 on the inputs registered for an awsx:ec2:Vpc. It returns
// the subnets awsx creates, in creation order (per AZ: public, private, isolated), or the error
// awsx (or AWS's CreateSubnet) would raise.
func ReplayAwsxVpc(r monitor.Resource) ([]AwsxSubnet, error) {
	if r.Has("availabilityZoneNames") && r.Has("numberOfAvailabilityZones") {
		return nil, fmt.Errorf("awsx: Only one of [availabilityZoneNames] and [numberOfAvailabilityZones] can be specified")
	}
	azs := r.Strings("availabilityZoneNames")
	if !r.Has("availabilityZoneNames") {
		// getDefaultAzs: the region's first N AZs (3 by default), as the getAvailabilityZones stub
		// answers them.
		n := 3
		if r.Has("numberOfAvailabilityZones") {
			n = int(r.Number("numberOfAvailabilityZones"))
		}
		for i := 0; i < n; i++ {
			azs = append(azs, fmt.Sprintf("us-east-1%c", 'a'+i))
		}
	}
	nat := r.String("natGateways.strategy")
	if nat == "" {
		nat = "OnePerAz"
	}
	strategy := r.String("subnetStrategy")
	if strategy == "" {
		strategy = "Legacy"
	}
	cidr := r.String("cidrBlock")
	if cidr == "" {
		cidr = "10.0.0.0/16"
	}
	vpc, err := netip.ParsePrefix(cidr)
	if err != nil || !vpc.Addr().Is4() {
		return nil, fmt.Errorf("awsx: VPC cidrBlock %q is not an IPv4 CIDR block", cidr)
	}
	vpc = vpc.Masked()

	specs, hasSpecs, explicit, err := awsxNormalize(r, len(azs))
	if err != nil {
		return nil, err
	}
	var subnets []AwsxSubnet
	switch {
	case strategy == "Legacy" || (!hasSpecs && strategy != "Auto"):
		return nil, fmt.Errorf("awsx: subnetStrategy %q selects the Legacy allocator, which ignores explicit cidrBlocks; the replay models only Auto and Exact: set subnetStrategy \"Auto\"", strategy)
	case explicit:
		subnets = awsxExplicit(r.Name, azs, specs)
	default:
		var azMask *int
		if r.Has("availabilityZoneCidrMask") {
			m := int(r.Number("availabilityZoneCidrMask"))
			azMask = &m
		}
		if subnets, err = awsxAllocate(r.Name, vpc, azs, specs, hasSpecs, azMask); err != nil {
			return nil, err
		}
	}

	if err := awsxValidateOverlaps(subnets); err != nil {
		return nil, err
	}
	if strategy == "Exact" {
		if err := awsxValidateNoGaps(vpc, subnets); err != nil {
			return nil, err
		}
	}
	if err := awsxValidateNat(nat, subnets); err != nil {
		return nil, err
	}
	if err := awsCreateSubnetRules(vpc, subnets); err != nil {
		return nil, err
	}
	return awsxCreationOrder(azs, subnets), nil
}

// awsxNormalize is validateAndNormalizeSubnetInputs.
func awsxNormalize(r monitor.Resource, azCount int) (specs []awsxSpec, has, explicit bool, err error) {
	raw, ok := r.Get("subnetSpecs")
	if !ok {
		return nil, false, false, nil
	}
	list, _ := raw.([]any)
	var issues []string
	for _, item := range list {
		m, _ := item.(map[string]any)
		s := awsxSpec{}
		s.typ, _ = m["type"].(string)
		s.name, _ = m["name"].(string)
		if v, ok := m["cidrMask"].(float64); ok {
			s.cidrMask = int(v)
		}
		if v, ok := m["size"].(float64); ok {
			s.size = int(v)
			if _, valid := awsxValidSize(s.size); !valid {
				issues = append(issues, fmt.Sprintf("The following subnet sizes are invalid: %d.", s.size))
			}
		}
		if blocks, ok := m["cidrBlocks"].([]any); ok {
			s.explicit = true
			for _, b := range blocks {
				str, _ := b.(string)
				s.cidrBlocks = append(s.cidrBlocks, str)
			}
		}
		specs = append(specs, s)
	}
	for _, s := range specs {
		explicit = explicit || s.explicit
	}
	if explicit {
		for i, s := range specs {
			if !s.explicit {
				issues = append(issues, "If any subnet spec has explicit cidrBlocks, all subnets must have explicit cidrBlocks.")
				continue
			}
			if len(s.cidrBlocks) != azCount {
				issues = append(issues, fmt.Sprintf("The number of CIDR blocks in subnetSpecs[%d] must match the number of availability zones (%d).", i, azCount))
				continue
			}
			for _, b := range s.cidrBlocks {
				p, err := netip.ParsePrefix(b)
				if err != nil || !p.Addr().Is4() {
					issues = append(issues, fmt.Sprintf("subnetSpecs[%d] has %q, not an IPv4 CIDR block.", i, b))
					continue
				}
				if s.cidrMask != 0 && p.Bits() != s.cidrMask {
					issues = append(issues, fmt.Sprintf("The cidrMask in subnetSpecs[%d] must match all cidrBlocks or be left undefined.", i))
					break
				}
				if s.size != 0 && 1<<(32-p.Bits()) != s.size {
					issues = append(issues, fmt.Sprintf("The size in subnetSpecs[%d] must match all cidrBlocks or be left undefined.", i))
					break
				}
			}
		}
	} else {
		for i := range specs {
			s := &specs[i]
			if s.cidrMask == 0 && s.size != 0 {
				s.cidrMask, _ = awsxValidSize(s.size)
			}
			if s.size != 0 && s.cidrMask != 0 && 1<<(32-s.cidrMask) != s.size {
				issues = append(issues, fmt.Sprintf("Subnet size %d does not match the expected size for a /%d subnet (%d).", s.size, s.cidrMask, 1<<(32-s.cidrMask)))
			}
		}
	}
	if len(issues) > 0 {
		return nil, true, explicit, fmt.Errorf("awsx: Invalid subnet specifications:\n - %s", strings.Join(issues, "\n - "))
	}
	return specs, true, explicit, nil
}

// awsxSubnetName is subnetName: "<vpc>-<spec name or lower-case type>-<AZ number>".
func awsxSubnetName(vpcName string, s awsxSpec, azNum int) string {
	name := s.name
	if name == "" {
		name = strings.ToLower(s.typ)
	}
	return fmt.Sprintf("%s-%s-%d", vpcName, name, azNum)
}

// awsxExplicit is getSubnetSpecsExplicit: cidrBlocks[i] goes to the i-th AZ.
func awsxExplicit(vpcName string, azs []string, specs []awsxSpec) []AwsxSubnet {
	var out []AwsxSubnet
	for i, az := range azs {
		for _, s := range specs {
			out = append(out, AwsxSubnet{Name: awsxSubnetName(vpcName, s, i+1), Type: s.typ, AvailabilityZone: az, CidrBlock: s.cidrBlocks[i]})
		}
	}
	return out
}

// awsxNewBits is newBits: ceil(log2(count)).
func awsxNewBits(count int) int {
	if count <= 1 {
		return 0
	}
	return bits.Len(uint(count - 1))
}

// block is netmask's Netmask: a base address masked to a prefix length.
type block struct {
	base uint64
	bits int
}

func newBlock(addr uint64, prefix int) block {
	size := uint64(1) << (32 - prefix)
	return block{base: addr &^ (size - 1), bits: prefix}
}
func (b block) size() uint64 { return 1 << (32 - b.bits) }
func (b block) next() block  { return newBlock(b.base+b.size(), b.bits) }

// last is netmask's .last: the last usable address (broadcast − 1 up to /30).
func (b block) last() uint64 {
	if b.bits <= 30 {
		return b.base + b.size() - 2
	}
	return b.base + b.size() - 1
}
func (b block) String() string {
	a := uint32(b.base)
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)}), b.bits).String()
}

// awsxAllocate is getSubnetSpecs with allocateSubnetCidrBlocks (the Auto allocator): each AZ
// starts at the next AZ block; each subnet follows the previous one, aligned to its own size
// (nextNetmask), and only the total per AZ is checked.
func awsxAllocate(vpcName string, vpc netip.Prefix, azs []string, specs []awsxSpec, hasSpecs bool, azMaskArg *int) ([]AwsxSubnet, error) {
	a4 := vpc.Addr().As4()
	vpcBase := uint64(a4[0])<<24 | uint64(a4[1])<<16 | uint64(a4[2])<<8 | uint64(a4[3])
	azMask := vpc.Bits() + awsxNewBits(len(azs))
	if azMaskArg != nil {
		azMask = *azMaskArg
	}
	alloc := specs
	names := specs
	if !hasSpecs {
		// defaultSubnetInputs(azBitmask) for sizes, defaultSubnetInputsBare for names.
		if azMask > 26 {
			return nil, fmt.Errorf("awsx: Automatic subnet creation requires a VPC with at least /26 available per AZ, but only /%d is available", azMask)
		}
		m := max(azMask, 16)
		alloc = []awsxSpec{{typ: "Private", cidrMask: m + 1}, {typ: "Public", cidrMask: m + 2}}
		names = []awsxSpec{{typ: "Private"}, {typ: "Public"}}
	}
	if len(alloc) == 0 {
		return nil, fmt.Errorf("awsx: No subnets specified")
	}
	defaultMask := azMask + awsxNewBits(len(alloc))
	maskOf := func(s awsxSpec) int {
		if s.cidrMask != 0 {
			return s.cidrMask
		}
		return defaultMask
	}
	azSize := uint64(1) << (32 - azMask)
	var total uint64
	for _, s := range alloc {
		total += uint64(1) << (32 - maskOf(s))
	}
	if total > azSize {
		return nil, fmt.Errorf("awsx: Subnets are too large for VPC. VPC has %d addresses, but subnets require %d addresses", azSize, total)
	}
	var out []AwsxSubnet
	az := newBlock(vpcBase, azMask)
	for i, azName := range azs {
		var cur *block
		for j, s := range alloc {
			var b block
			if cur == nil {
				b = newBlock(az.base, maskOf(s))
			} else {
				b = newBlock(cur.last(), maskOf(s)).next()
			}
			cur = &b
			out = append(out, AwsxSubnet{Name: awsxSubnetName(vpcName, names[j], i+1), Type: names[j].typ, AvailabilityZone: azName, CidrBlock: b.String()})
		}
		az = az.next()
	}
	return out, nil
}

// awsxValidateOverlaps is validateSubnets(getOverlappingSubnets): every subnet, Unused ones
// included, must not contain or lie inside another.
func awsxValidateOverlaps(subnets []AwsxSubnet) error {
	var bad []AwsxSubnet
	for i, x := range subnets {
		px := netip.MustParsePrefix(x.CidrBlock).Masked()
		for j, y := range subnets {
			if i != j && px.Overlaps(netip.MustParsePrefix(y.CidrBlock).Masked()) {
				bad = append(bad, x)
				break
			}
		}
	}
	if len(bad) == 0 {
		return nil
	}
	msg := "awsx: The following subnets overlap with at least one other subnet. Make the CIDR for the VPC larger, reduce the size of the subnets per AZ, or use less Availability Zones:\n\n"
	for i, s := range bad {
		msg += fmt.Sprintf("%d. %s: %s\n", i+1, s.Name, s.CidrBlock)
	}
	return fmt.Errorf("%s", msg)
}

// awsxValidateNoGaps is validateNoGaps (strategy Exact): the subnets, in spec order, tile the VPC.
func awsxValidateNoGaps(vpc netip.Prefix, subnets []AwsxSubnet) error {
	var gaps []string
	var prev *netip.Prefix
	for i, s := range subnets {
		p := netip.MustParsePrefix(s.CidrBlock).Masked()
		if prev == nil {
			if p.Addr() != vpc.Addr() {
				gaps = append(gaps, fmt.Sprintf("%s (%s) does not start at the beginning of the VPC (%s)", s.Name, s.CidrBlock, vpc))
			}
		} else if want := prefixEnd(*prev); p.Addr() != want {
			gaps = append(gaps, fmt.Sprintf("%s (%s) <=> %s (%s)", subnets[i-1].Name, subnets[i-1].CidrBlock, s.Name, s.CidrBlock))
		}
		prev = &p
	}
	if prev != nil && prefixEnd(*prev) != prefixEnd(vpc) {
		gaps = append(gaps, fmt.Sprintf("%s ends before VPC ends", subnets[len(subnets)-1].Name))
	}
	if len(gaps) > 0 {
		return fmt.Errorf("awsx: There are gaps in the subnet ranges. Please fix the following gaps: %s", strings.Join(gaps, ", "))
	}
	return nil
}

// prefixEnd is the first address after p (wrapping past 255.255.255.255 to the zero address).
func prefixEnd(p netip.Prefix) netip.Addr {
	b := p.Addr().As4()
	u := uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
	u += uint64(1) << (32 - p.Bits())
	return netip.AddrFrom4([4]byte{byte(u >> 24), byte(u >> 16), byte(u >> 8), byte(u)})
}

// awsxValidateNat is validateNatGatewayStrategy.
func awsxValidateNat(strategy string, subnets []AwsxSubnet) error {
	switch strings.ToLower(strategy) {
	case "oneperaz", "single":
		var public, private bool
		for _, s := range subnets {
			public = public || strings.EqualFold(s.Type, "public")
			private = private || strings.EqualFold(s.Type, "private")
		}
		if public && private {
			return nil
		}
		return fmt.Errorf("awsx: If NAT Gateway strategy is 'OnePerAz' or 'Single', both private and public subnets must be declared")
	case "none":
		return nil
	default:
		return fmt.Errorf("awsx: Unknown NAT Gateway strategy '%s'", strategy)
	}
}

// awsCreateSubnetRules: AWS rejects a subnet outside the VPC's block or outside /16–/28.
func awsCreateSubnetRules(vpc netip.Prefix, subnets []AwsxSubnet) error {
	var errs []string
	for _, s := range subnets {
		if strings.EqualFold(s.Type, "unused") {
			continue
		}
		p := netip.MustParsePrefix(s.CidrBlock)
		if p.Bits() < 16 || p.Bits() > 28 {
			errs = append(errs, fmt.Sprintf("%s %s: a subnet must be from /16 to /28", s.Name, s.CidrBlock))
		}
		if p.Bits() < vpc.Bits() || !vpc.Contains(p.Masked().Addr()) {
			errs = append(errs, fmt.Sprintf("%s %s lies outside the VPC's %s", s.Name, s.CidrBlock, vpc))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("AWS CreateSubnet would reject: %s", strings.Join(errs, "; "))
	}
	return nil
}

// awsxCreationOrder is the loop of Vpc.initialize: per AZ, the specs of that AZ without Unused,
// stably sorted public, private, isolated (compareSubnetSpecs).
func awsxCreationOrder(azs []string, subnets []AwsxSubnet) []AwsxSubnet {
	rank := map[string]int{"public": 0, "private": 1, "isolated": 2}
	var out []AwsxSubnet
	for _, az := range azs {
		var these []AwsxSubnet
		for _, s := range subnets {
			if s.AvailabilityZone == az && !strings.EqualFold(s.Type, "unused") {
				these = append(these, s)
			}
		}
		sort.SliceStable(these, func(i, j int) bool {
			return rank[strings.ToLower(these[i].Type)] < rank[strings.ToLower(these[j].Type)]
		})
		out = append(out, these...)
	}
	return out
}
