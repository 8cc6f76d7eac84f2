package network

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/tenkstack/tenk/components/internal/argutil"
	"github.com/tenkstack/tenk/components/internal/logretention"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// NatStrategy decides how private subnets reach the internet.
type NatStrategy string

const (
	// NatNone gives private subnets no route to the internet.
	NatNone NatStrategy = "None"
	// NatSingle shares one NAT gateway between all AZs: cheap, but an AZ outage cuts egress.
	NatSingle NatStrategy = "Single"
	// NatOnePerAz gives each AZ its own NAT gateway, so losing an AZ costs only that AZ.
	NatOnePerAz NatStrategy = "OnePerAz"
)

// Limits of the layout. The contract is 2–3 AZs: an ALB and an RDS subnet group need two, and
// the subnet layout below reserves room for four.
const (
	MinAvailabilityZones = 2
	MaxAvailabilityZones = 3
)

// NetworkArgs configures a Network. The zero value is a valid production network.
type NetworkArgs struct {
	// CidrBlock is the VPC's IPv4 range, from /16 (the AWS maximum) to /20. Default: "10.0.0.0/16".
	CidrBlock string
	// AvailabilityZoneCount is how many AZs the VPC spans, 2–3. Default: 3, or the length of
	// AvailabilityZoneNames when that is set.
	AvailabilityZoneCount int
	// AvailabilityZoneNames pins the AZs, in this order; nothing is looked up and nothing checks
	// that they offer RequiredInstanceTypes. Default: the first AvailabilityZoneCount AZs, by
	// name, that need no opt-in and offer every one of RequiredInstanceTypes, looked up once when
	// the program runs.
	AvailabilityZoneNames []string
	// RequiredInstanceTypes are EC2 instance types every chosen AZ must offer (the web tier's),
	// since some AZs lack current families (in us-east-1, use1-az3). Ignored when
	// AvailabilityZoneNames is set. Default: none (any AZ without opt-in).
	RequiredInstanceTypes []string
	// CloudFrontVpcOrigin chooses only AZs where CloudFront VPC origins are available, for a
	// load balancer in these subnets that CloudFront reaches through a VPC origin (tenk's stacks):
	// not every Region has them, and some Regions lack them in one AZ, by AZ ID (CloudFront
	// Developer Guide, "Supported AWS Regions for VPC origins"). With AvailabilityZoneNames set,
	// only the Region is checked. Default: false.
	CloudFrontVpcOrigin bool
	// NatGateways is the NAT strategy. Default: NatOnePerAz.
	NatGateways NatStrategy
	// FlowLogs sends VPC flow logs (all traffic) to a CloudWatch Logs group. Default: true.
	FlowLogs *bool
	// FlowLogRetentionDays is how long flow logs are kept, one of the values PutRetentionPolicy
	// accepts (1, 3, 5, 7, 14, 30, 60, 90, … 3653). Default: 30.
	FlowLogRetentionDays int
	// GatewayEndpoints adds the free S3 and DynamoDB gateway endpoints to every route table, so
	// that traffic skips the NAT gateways. Default: true.
	GatewayEndpoints *bool
	// Tags are added to every resource that takes tags. Default: none.
	Tags map[string]string
}

// withDefaults returns a copy of args with every unset field at its documented default.
func (a NetworkArgs) withDefaults() NetworkArgs {
	argutil.Default(&a.CidrBlock, "10.0.0.0/16")
	if a.AvailabilityZoneCount == 0 {
		a.AvailabilityZoneCount = 3
		if len(a.AvailabilityZoneNames) > 0 {
			a.AvailabilityZoneCount = len(a.AvailabilityZoneNames)
		}
	}
	argutil.Default(&a.NatGateways, NatOnePerAz)
	argutil.DefaultPtr(&a.FlowLogs, true)
	argutil.Default(&a.FlowLogRetentionDays, 30)
	argutil.DefaultPtr(&a.GatewayEndpoints, true)
	return a
}

// Validate reports every problem AWS or awsx would reject, each naming the field, the limit and
// the fix. It runs before any resource is registered.
func (a NetworkArgs) Validate() error {
	a = a.withDefaults()
	var l fielderr.List
	if a.AvailabilityZoneCount < MinAvailabilityZones || a.AvailabilityZoneCount > MaxAvailabilityZones {
		// ELBv2 CreateLoadBalancer and RDS DB subnet groups both need subnets in at least two AZs.
		l.Addf("AvailabilityZoneCount", "is %d: it must be %d–%d, since a load balancer and a DB subnet group need two AZs; set it to 2 or 3", a.AvailabilityZoneCount, MinAvailabilityZones, MaxAvailabilityZones)
	}
	if n := len(a.AvailabilityZoneNames); n > 0 && n != a.AvailabilityZoneCount {
		l.Addf("AvailabilityZoneNames", "lists %[1]d AZs but %[2]s is %[3]d: leave %[2]s unset or make them agree", n, fielderr.Ref("AvailabilityZoneCount"), a.AvailabilityZoneCount)
	}
	if dup := argutil.FirstDuplicate(a.AvailabilityZoneNames); dup != "" {
		l.Addf("AvailabilityZoneNames", "lists %q twice: name each AZ once", dup)
	}
	for i, t := range a.RequiredInstanceTypes {
		if t == "" {
			l.Addf(fmt.Sprintf("RequiredInstanceTypes[%d]", i), "is empty: name an EC2 instance type such as \"m7g.large\", or leave it out")
		}
	}
	if dup := argutil.FirstDuplicate(a.RequiredInstanceTypes); dup != "" {
		l.Addf("RequiredInstanceTypes", "lists %q twice: name each type once", dup)
	}
	if n := a.AvailabilityZoneNames; a.CloudFrontVpcOrigin && len(n) > 0 {
		if err := checkVpcOriginRegion(region(n[0])); err != nil {
			l.Addf("CloudFrontVpcOrigin", "is true but %s", err)
		}
	}
	if _, err := layoutFor(a.CidrBlock); err != nil {
		l.Append(err)
	}
	fielderr.OneOf(&l, "NatGateways", a.NatGateways, NatNone, NatSingle, NatOnePerAz)
	if *a.FlowLogs {
		l.Append(logretention.Check("FlowLogRetentionDays", a.FlowLogRetentionDays))
	}
	return l.Err()
}

// region derives the region from an AZ name ("eu-west-1b" → "eu-west-1").
func region(az string) string {
	return strings.TrimRight(az, "abcdefghijklmnopqrstuvwxyz")
}

// prefixOf parses a CIDR block, reporting the field on error.
func prefixOf(cidr string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !p.Addr().Is4() {
		return netip.Prefix{}, fielderr.New("CidrBlock", "%q is not an IPv4 CIDR block: use one such as \"10.0.0.0/16\"", cidr)
	}
	if p.Masked() != p {
		return netip.Prefix{}, fielderr.New("CidrBlock", "%q has host bits set: use %q", cidr, p.Masked().String())
	}
	return p, nil
}
