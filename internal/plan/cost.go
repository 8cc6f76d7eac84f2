package plan

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Cost is the estimated monthly cost of a plan: one line per billable item, on-demand prices.
type Cost struct {
	// Currency, PriceDate, PriceSource and PriceFile describe the price table used.
	Currency    string `json:"currency"`
	PriceDate   string `json:"priceDate"`
	PriceSource string `json:"priceSource"`
	PriceFile   string `json:"priceFile"`
	// HoursPerMonth turns hourly prices into monthly amounts.
	HoursPerMonth float64 `json:"hoursPerMonth"`
	// Lines are sorted by component, resource and item.
	Lines []Line `json:"lines"`
	// Total is the sum of the lines' monthly amounts.
	Total float64 `json:"total"`
	// UsageBased are resources present whose whole cost depends on usage, so they have no line.
	UsageBased []UsageBased `json:"usageBased,omitempty"`
	// Assumptions are the choices the estimate made (1 LCU per ALB, NATs from awsx inputs, …).
	Assumptions []string `json:"assumptions"`
	// LeftOut is what no line covers.
	LeftOut []string `json:"leftOut"`
}

// Line is one billable item: Quantity × UnitPrice, times HoursPerMonth when Unit is "hour".
type Line struct {
	// Component is the outermost component's name; Resource and Type name what is billed.
	Component string `json:"component"`
	Resource  string `json:"resource"`
	Type      string `json:"type"`
	// Item says what is billed ("m7g.large instances (desired 3; min 3, max 12)").
	Item string `json:"item"`
	// Quantity of Unit ("hour", "GB-month", "month") at UnitPrice each.
	Quantity  float64 `json:"quantity"`
	Unit      string  `json:"unit"`
	UnitPrice float64 `json:"unitPrice"`
	// Monthly is the amount per month, rounded to cents.
	Monthly float64 `json:"monthly"`
}

// UsageBased is a resource whose cost depends only on usage.
type UsageBased struct {
	// Component, Resource and Type name the resource.
	Component string `json:"component"`
	Resource  string `json:"resource"`
	Type      string `json:"type"`
	// Reason says what its cost depends on.
	Reason string `json:"reason"`
}

// Units of a line.
const (
	PerHour    = "hour"
	PerGBMonth = "GB-month"
	PerGB      = "GB"
	PerMonth   = "month"
)

// LeftOut is what the estimate never covers, whatever the stack.
var LeftOut = []string{
	"data transfer: internet egress, cross-AZ traffic, NAT gateway and VPC endpoint processing per GB",
	"traffic and requests: ALB LCUs beyond one, CloudFront, S3 and DynamoDB on-demand requests",
	"storage growth: RDS storage autoscaling past the allocated size, backups and snapshots beyond the free allowance, S3 and DynamoDB storage",
	"CloudWatch Logs ingestion (but the application's, estimated on an assumption) and storage, custom metrics, Performance Insights beyond the free tier",
	"scaling above the desired capacity, Savings Plans, reserved instances, the free tier, support and taxes",
}

// costRules price one resource type each.
var costRules = map[string]func(c *costing, r *Resource) error{
	"aws:ec2/instance:Instance":                         ec2InstanceCost,
	"aws:autoscaling/group:Group":                       autoScalingGroupCost,
	"aws:lb/loadBalancer:LoadBalancer":                  loadBalancerCost,
	"awsx:ec2:Vpc":                                      awsxVpcCost,
	"aws:ec2/natGateway:NatGateway":                     natGatewayCost,
	"aws:ec2/eip:Eip":                                   eipCost,
	"aws:ec2/vpcEndpoint:VpcEndpoint":                   vpcEndpointCost,
	"aws:rds/instance:Instance":                         rdsInstanceCost,
	"aws:rds/cluster:Cluster":                           rdsClusterCost,
	"aws:rds/clusterInstance:ClusterInstance":           auroraInstanceCost,
	"aws:elasticache/replicationGroup:ReplicationGroup": replicationGroupCost,
	"aws:elasticache/cluster:Cluster":                   cacheClusterCost,
	"aws:dynamodb/table:Table":                          dynamodbTableCost,
	"aws:cloudwatch/metricAlarm:MetricAlarm":            alarmCost,
	"aws:secretsmanager/secret:Secret":                  secretCost,
	"aws:kms/key:Key":                                   kmsKeyCost,
}

// costing is the state of one estimate.
type costing struct {
	plan   *Plan
	prices *Prices
	comps  map[string]*Component
	cost   Cost
	seen   map[string]bool
}

// Estimate prices every resource of p. It returns every missing price at once, each naming the
// type and the file to add it to.
func Estimate(p *Plan, prices *Prices) (Cost, error) {
	c := &costing{plan: p, prices: prices, comps: p.componentByURN(), seen: map[string]bool{}}
	c.cost = Cost{
		Currency: prices.Currency, PriceDate: prices.Date, PriceSource: prices.Source,
		PriceFile: prices.File(), HoursPerMonth: prices.HoursPerMonth, LeftOut: LeftOut,
		Lines: []Line{}, Assumptions: []string{},
	}
	var errs []error
	if err := unclassified(p); err != nil {
		errs = append(errs, err)
	}
	for i := range p.Resources {
		r := &p.Resources[i]
		if rule, ok := costRules[r.Type]; ok {
			if err := rule(c, r); err != nil {
				errs = append(errs, err)
			}
		}
		if reason, ok := usageBasedTypes[r.Type]; ok {
			// A usage-based resource tenk can estimate on a stated assumption gets a line
			// (cost_app.go); the others are listed as not estimated.
			lines := len(c.cost.Lines)
			if estimate := usageEstimates[r.Type]; estimate != nil {
				if err := estimate(c, r); err != nil {
					errs = append(errs, err)
				}
			}
			if len(c.cost.Lines) == lines {
				c.cost.UsageBased = append(c.cost.UsageBased, UsageBased{
					Component: p.topComponent(r, c.comps), Resource: r.Name, Type: r.Type, Reason: reason,
				})
			}
		}
	}
	if len(errs) > 0 {
		return Cost{}, fmt.Errorf("cannot estimate the cost of stack %q:\n  - %w", p.Stack, joinLines(errs))
	}
	c.cost.Lines = aggregate(c.cost.Lines)
	sort.SliceStable(c.cost.Lines, func(i, j int) bool {
		a, b := c.cost.Lines[i], c.cost.Lines[j]
		if a.Component != b.Component {
			return a.Component < b.Component
		}
		return a.Resource < b.Resource
	})
	total := 0.0
	for _, l := range c.cost.Lines {
		total += l.Monthly
	}
	c.cost.Total = round2(total)
	return c.cost, nil
}

// aggregatedTypes have many cheap, identical resources per component (an alarm per metric): their
// lines are merged into one per component and item, named by the resources' common prefix.
var aggregatedTypes = map[string]bool{"aws:cloudwatch/metricAlarm:MetricAlarm": true}

// aggregate merges the lines of aggregatedTypes.
func aggregate(lines []Line) []Line {
	type key struct {
		component, typ, item, unit string
		price                      float64
	}
	var out []Line
	merged := map[key]int{} // index in out
	names := map[key][]string{}
	for _, l := range lines {
		if !aggregatedTypes[l.Type] {
			out = append(out, l)
			continue
		}
		k := key{l.Component, l.Type, l.Item, l.Unit, l.UnitPrice}
		names[k] = append(names[k], l.Resource)
		if i, ok := merged[k]; ok {
			out[i].Quantity += l.Quantity
			out[i].Monthly = round2(out[i].Monthly + l.Monthly)
			continue
		}
		merged[k] = len(out)
		out = append(out, l)
	}
	for k, i := range merged {
		if n := names[k]; len(n) > 1 {
			out[i].Resource = commonPrefix(n) + "*"
			out[i].Item = fmt.Sprintf("%ss (%d)", out[i].Item, len(n))
		}
	}
	return out
}

// commonPrefix returns the longest prefix all names share.
func commonPrefix(names []string) string {
	prefix := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	return prefix
}

// joinLines joins errors one per line, indented like a list.
func joinLines(errs []error) error {
	parts := make([]string, len(errs))
	for i, e := range errs {
		parts[i] = e.Error()
	}
	return errors.New(strings.Join(parts, "\n  - "))
}

// add appends a line; hourly quantities are multiplied by the hours in a month.
func (c *costing) add(r *Resource, item string, qty float64, unit string, price float64) {
	monthly := qty * price
	if unit == PerHour {
		monthly *= c.prices.HoursPerMonth
	}
	c.cost.Lines = append(c.cost.Lines, Line{
		Component: c.plan.topComponent(r, c.comps), Resource: r.Name, Type: r.Type, Item: item,
		Quantity: qty, Unit: unit, UnitPrice: price, Monthly: round2(monthly),
	})
}

// assume records an assumption once.
func (c *costing) assume(text string) {
	if !c.seen[text] {
		c.seen[text] = true
		c.cost.Assumptions = append(c.cost.Assumptions, text)
	}
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// ec2Price looks up an EC2 instance type.
func (c *costing) ec2Price(typ string, r *Resource) (float64, error) {
	if typ == "" {
		return 0, fmt.Errorf("cannot price %s %s: no instance type in its inputs", r.Type, r.Name)
	}
	price, ok := c.prices.EC2[typ]
	if !ok {
		return 0, c.prices.missingPrice("EC2 instance type", typ, r, `"ec2"`)
	}
	return price, nil
}

func ec2InstanceCost(c *costing, r *Resource) error {
	typ := r.String("instanceType")
	price, err := c.ec2Price(typ, r)
	if err != nil {
		return err
	}
	c.add(r, typ+" instance", 1, PerHour, price)
	return nil
}

// autoScalingGroupCost prices the desired capacity (the minimum when no desired capacity is set)
// of the group's launch template instance type, and the EBS volumes the template gives each.
func autoScalingGroupCost(c *costing, r *Resource) error {
	lt := c.plan.launchTemplateOf(r)
	if lt == nil {
		return fmt.Errorf("cannot price %s %s: its launch template is not among the stack's resources", r.Type, r.Name)
	}
	typ := lt.String("instanceType")
	if o := r.String("mixedInstancesPolicy.launchTemplate.overrides.0.instanceType"); o != "" {
		typ = o
		c.assume("Auto Scaling groups with a mixed instances policy are priced at their first override's instance type, on demand.")
	}
	price, err := c.ec2Price(typ, lt)
	if err != nil {
		return err
	}
	n := r.Number("desiredCapacity")
	if _, ok := r.Get("desiredCapacity"); !ok {
		n = r.Number("minSize")
	}
	c.assume("Auto Scaling groups run their desired capacity (or minimum) all month; scaling out is left out.")
	c.add(r, fmt.Sprintf("%s instances (desired %s; min %s, max %s)", typ, num(n), num(r.Number("minSize")), num(r.Number("maxSize"))),
		n, PerHour, price)
	mappings, _ := lt.Get("blockDeviceMappings")
	list, _ := mappings.([]any)
	for i := range list {
		size := lt.Number(fmt.Sprintf("blockDeviceMappings.%d.ebs.volumeSize", i))
		if size == 0 {
			continue
		}
		vt := lt.String(fmt.Sprintf("blockDeviceMappings.%d.ebs.volumeType", i))
		if vt == "" {
			vt = "gp2" // EC2's default volume type for a launch template mapping without one
		}
		gb, ok := c.prices.EBSGbMonth[vt]
		if !ok {
			return c.prices.missingPrice("EBS volume type", vt, lt, `"ebsGbMonth"`)
		}
		c.add(r, fmt.Sprintf("%s volumes, %s GiB × %s instances", vt, num(size), num(n)), size*n, PerGBMonth, gb)
	}
	return nil
}

// launchTemplateOf finds the group's launch template by ID or name, or the only launch template
// of the group's component.
func (p *Plan) launchTemplateOf(r *Resource) *Resource {
	id := r.String("launchTemplate.id")
	if id == "" {
		id = r.String("mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.launchTemplateId")
	}
	name := r.String("launchTemplate.name")
	var sameComponent []*Resource
	for i := range p.Resources {
		lt := &p.Resources[i]
		if lt.Type != "aws:ec2/launchTemplate:LaunchTemplate" {
			continue
		}
		if (id != "" && lt.id == id) || (name != "" && lt.String("name") == name) {
			return lt
		}
		if lt.Component == r.Component {
			sameComponent = append(sameComponent, lt)
		}
	}
	if len(sameComponent) == 1 {
		return sameComponent[0]
	}
	return nil
}

// loadBalancerCost prices an ALB's hours, one LCU, and the public IPv4 address of each of its
// nodes (one per subnet) when it is internet-facing.
func loadBalancerCost(c *costing, r *Resource) error {
	typ := r.String("loadBalancerType")
	if typ != "" && typ != "application" {
		return fmt.Errorf("no price for load balancer type %q (%s %s) in %s: add one to %s and to loadBalancerCost in internal/plan/cost.go",
			typ, r.Type, r.Name, c.prices.Region, c.prices.File())
	}
	c.add(r, "Application Load Balancer", 1, PerHour, c.prices.ALBHour)
	c.add(r, "1 LCU (assumed minimum)", 1, PerHour, c.prices.ALBLCUHour)
	c.assume("Each ALB is priced with 1 LCU all month; more traffic, connections or rules cost more LCUs.")
	if !r.Bool("internal") {
		n := len(r.Strings("subnets"))
		if m, ok := r.Get("subnetMappings"); ok {
			list, _ := m.([]any)
			n = len(list)
		}
		if n > 0 {
			c.add(r, fmt.Sprintf("public IPv4 addresses (one per AZ, %d AZs)", n), float64(n), PerHour, c.prices.PublicIPv4Hour)
		}
	}
	return nil
}

// awsxVpcCost derives the NAT gateways from the Vpc's inputs: awsx's Vpc is a remote component,
// so its NAT gateways and Elastic IPs are not registered under mocks.
func awsxVpcCost(c *costing, r *Resource) error {
	azs := len(r.Strings("availabilityZoneNames"))
	if azs == 0 {
		azs = int(r.Number("numberOfAvailabilityZones"))
	}
	if azs == 0 {
		azs = 3 // awsx's default numberOfAvailabilityZones
	}
	strategy := r.String("natGateways.strategy")
	if strategy == "" {
		strategy = "OnePerAz" // awsx's default NAT strategy
	}
	var n int
	switch strategy {
	case "None":
		return nil
	case "Single":
		n = 1
	case "OnePerAz":
		n = azs
	default:
		return fmt.Errorf("cannot price %s %s: unknown natGateways.strategy %q", r.Type, r.Name, strategy)
	}
	c.assume("awsx's Vpc is a remote component whose NAT gateways are not registered under mocks: their number is derived from its inputs, natGateways.strategy × availabilityZoneNames.")
	c.add(r, fmt.Sprintf("NAT gateways (%s, %d AZs)", strategy, azs), float64(n), PerHour, c.prices.NATGatewayHour)
	c.add(r, "NAT gateway Elastic IPs (public IPv4)", float64(n), PerHour, c.prices.PublicIPv4Hour)
	return nil
}

func natGatewayCost(c *costing, r *Resource) error {
	c.add(r, "NAT gateway", 1, PerHour, c.prices.NATGatewayHour)
	return nil
}

func eipCost(c *costing, r *Resource) error {
	c.add(r, "Elastic IP (public IPv4)", 1, PerHour, c.prices.PublicIPv4Hour)
	return nil
}

// vpcEndpointCost prices interface endpoints per AZ (an endpoint has a network interface in each
// of its subnets, one per AZ) and lists the data they process as usage; gateway endpoints are
// free (AWS PrivateLink pricing; VPC pricing, "Gateway endpoints").
func vpcEndpointCost(c *costing, r *Resource) error {
	if r.String("vpcEndpointType") != "Interface" {
		return nil
	}
	n := len(r.Strings("subnetIds"))
	service := r.String("serviceName")
	if i := strings.LastIndex(service, "."+c.prices.Region+"."); i >= 0 {
		service = service[i+len(c.prices.Region)+2:] // com.amazonaws.<region>.ssm → ssm
	}
	c.add(r, fmt.Sprintf("%s interface endpoint in %d AZs", service, n), float64(n), PerHour, c.prices.InterfaceEndpointAZHour)
	c.cost.UsageBased = append(c.cost.UsageBased, UsageBased{
		Component: c.plan.topComponent(r, c.comps), Resource: r.Name, Type: r.Type,
		Reason: fmt.Sprintf("data processed: $%.2f per GB", c.prices.InterfaceEndpointGB),
	})
	return nil
}

// rdsInstanceCost prices the instance class (×2 for Multi-AZ), the allocated storage (×2 for
// Multi-AZ) and the RDS-managed master password secret. A read replica passes neither engine nor
// storage: it inherits both from its source.
func rdsInstanceCost(c *costing, r *Resource) error {
	src := c.rdsSourceOf(r)
	engine := r.String("engine")
	storage := r.Number("allocatedStorage")
	storageType := r.String("storageType")
	if src != nil {
		if engine == "" {
			engine = src.String("engine")
		}
		if storage == 0 {
			storage = src.Number("allocatedStorage")
		}
		if storageType == "" {
			storageType = src.String("storageType")
		}
	}
	if engine == "" {
		return fmt.Errorf("cannot price %s %s: no engine in its inputs or its source's", r.Type, r.Name)
	}
	table, ok := c.prices.RDS[engine]
	if !ok {
		return fmt.Errorf("no RDS prices for engine %q (%s %s) in %s: add a %q table under \"rds\" in %s",
			engine, r.Type, r.Name, c.prices.Region, engine, c.prices.File())
	}
	class := r.String("instanceClass")
	price, ok := table[class]
	if !ok {
		return c.prices.missingPrice("RDS "+engine+" instance class", class, r, `"rds"."`+engine+`"`)
	}
	copies, deployment := 1.0, "single-AZ"
	if r.Bool("multiAz") {
		copies, deployment = 2, "Multi-AZ: primary + standby"
	}
	role := "instance"
	if src != nil || r.Has("replicateSourceDb") {
		role = "read replica"
	}
	c.add(r, fmt.Sprintf("%s %s %s (%s)", class, engine, role, deployment), copies, PerHour, price)
	if storage > 0 {
		if storageType == "" {
			storageType = "gp2" // RDS's default storage type
		}
		gb, ok := c.prices.RDSStorageGbMonth[storageType]
		if !ok {
			return c.prices.missingPrice("RDS storage type", storageType, r, `"rdsStorageGbMonth"`)
		}
		c.add(r, fmt.Sprintf("%s storage, %s GiB (%s)", storageType, num(storage), deployment), storage*copies, PerGBMonth, gb)
		c.assume("RDS storage is priced at its allocated size; growth up to maxAllocatedStorage is left out.")
	}
	if r.Bool("manageMasterUserPassword") {
		c.add(r, "RDS-managed master password secret", 1, PerMonth, c.prices.SecretMonth)
	}
	return nil
}

// rdsSourceOf returns the source of a read replica: the instance whose identifier, ID or ARN
// replicateSourceDb names, or else the one non-replica instance of the same component.
func (c *costing) rdsSourceOf(r *Resource) *Resource {
	if !r.Has("replicateSourceDb") {
		return nil
	}
	ref := r.String("replicateSourceDb")
	var primaries []*Resource
	for i := range c.plan.Resources {
		s := &c.plan.Resources[i]
		if s.Type != r.Type || s.URN == r.URN {
			continue
		}
		if ref != "" && ref != UnknownValue && (s.String("identifier") == ref || s.id == ref || s.Name == ref) {
			return s
		}
		if s.Component == r.Component && !s.Has("replicateSourceDb") {
			primaries = append(primaries, s)
		}
	}
	if len(primaries) == 1 {
		return primaries[0]
	}
	return nil
}

func rdsClusterCost(c *costing, r *Resource) error {
	if r.Bool("manageMasterUserPassword") {
		c.add(r, "RDS-managed master password secret", 1, PerMonth, c.prices.SecretMonth)
	}
	return nil
}

func auroraInstanceCost(c *costing, r *Resource) error {
	class := r.String("instanceClass")
	price, ok := c.prices.Aurora[class]
	if !ok {
		return c.prices.missingPrice("Aurora instance class", class, r, `"aurora"`)
	}
	c.add(r, class+" Aurora instance", 1, PerHour, price)
	return nil
}

// cacheNodePrice looks up an ElastiCache node type for an engine.
func (c *costing) cacheNodePrice(engine, nodeType string, r *Resource) (float64, error) {
	table, ok := c.prices.ElastiCache[engine]
	if !ok {
		return 0, fmt.Errorf("no ElastiCache prices for engine %q (%s %s) in %s: add a %q table under \"elasticache\" in %s",
			engine, r.Type, r.Name, c.prices.Region, engine, c.prices.File())
	}
	price, ok := table[nodeType]
	if !ok {
		return 0, c.prices.missingPrice("ElastiCache "+engine+" node type", nodeType, r, `"elasticache"."`+engine+`"`)
	}
	return price, nil
}

// replicationGroupCost prices every node: numCacheClusters, or shards × (1 + replicas) in
// cluster mode.
func replicationGroupCost(c *costing, r *Resource) error {
	engine := r.String("engine")
	if engine == "" {
		engine = "redis" // the provider's default engine
	}
	nodes := r.Number("numCacheClusters")
	if shards := r.Number("numNodeGroups"); shards > 0 {
		nodes = shards * (1 + r.Number("replicasPerNodeGroup"))
	}
	if nodes == 0 {
		nodes = 1
	}
	nodeType := r.String("nodeType")
	price, err := c.cacheNodePrice(engine, nodeType, r)
	if err != nil {
		return err
	}
	c.add(r, fmt.Sprintf("%s %s nodes", nodeType, engine), nodes, PerHour, price)
	return nil
}

// cacheClusterCost prices a standalone cluster (Memcached); a member of a replication group is
// priced with its group.
func cacheClusterCost(c *costing, r *Resource) error {
	if r.Has("replicationGroupId") {
		return nil
	}
	engine, nodeType := r.String("engine"), r.String("nodeType")
	price, err := c.cacheNodePrice(engine, nodeType, r)
	if err != nil {
		return err
	}
	nodes := r.Number("numCacheNodes")
	if nodes == 0 {
		nodes = 1
	}
	c.add(r, fmt.Sprintf("%s %s nodes", nodeType, engine), nodes, PerHour, price)
	return nil
}

// dynamodbTableCost prices provisioned capacity (table and global secondary indexes); an
// on-demand table is usage-based.
func dynamodbTableCost(c *costing, r *Resource) error {
	if r.String("billingMode") != "PROVISIONED" {
		c.cost.UsageBased = append(c.cost.UsageBased, UsageBased{
			Component: c.plan.topComponent(r, c.comps), Resource: r.Name, Type: r.Type,
			Reason: "on-demand reads, writes and storage",
		})
		return nil
	}
	rcu, wcu := r.Number("readCapacity"), r.Number("writeCapacity")
	gsis, _ := r.Get("globalSecondaryIndexes")
	list, _ := gsis.([]any)
	for i := range list {
		rcu += r.Number(fmt.Sprintf("globalSecondaryIndexes.%d.readCapacity", i))
		wcu += r.Number(fmt.Sprintf("globalSecondaryIndexes.%d.writeCapacity", i))
	}
	c.add(r, "provisioned read capacity units", rcu, PerHour, c.prices.DynamoDBRCUHour)
	c.add(r, "provisioned write capacity units", wcu, PerHour, c.prices.DynamoDBWCUHour)
	return nil
}

// alarmCost prices a metric alarm; a period under 60 s makes it high-resolution.
func alarmCost(c *costing, r *Resource) error {
	if p := r.Number("period"); p > 0 && p < 60 {
		c.add(r, "high-resolution alarm", 1, PerMonth, c.prices.CloudWatchHighResolutionAlarmMonth)
		return nil
	}
	c.add(r, "alarm", 1, PerMonth, c.prices.CloudWatchAlarmMonth)
	return nil
}

func secretCost(c *costing, r *Resource) error {
	c.add(r, "secret", 1, PerMonth, c.prices.SecretMonth)
	return nil
}

func kmsKeyCost(c *costing, r *Resource) error {
	c.add(r, "customer-managed key", 1, PerMonth, c.prices.KMSKeyMonth)
	return nil
}
